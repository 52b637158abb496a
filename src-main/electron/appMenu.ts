// The application menu (standard Edit roles so undo, cut, copy and paste
// work with their usual shortcuts) and the spelling context menu.
import { Menu, type MenuItemConstructorOptions, type WebContents } from 'electron';

export function installAppMenu(showDeveloperTools: boolean): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'pasteAndMatchStyle' },
        { role: 'delete' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(showDeveloperTools ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Right-click in editable text: spelling suggestions first, then the edit commands. */
export function installContextMenu(contents: WebContents): void {
  contents.on('context-menu', (_event, params) => {
    if (!params.isEditable && params.selectionText === '') return;
    const suggestions: MenuItemConstructorOptions[] = params.dictionarySuggestions.map((suggestion) => ({
      label: suggestion,
      click: () => contents.replaceMisspelling(suggestion),
    }));
    const spelling: MenuItemConstructorOptions[] = params.misspelledWord
      ? [
          ...(suggestions.length > 0 ? suggestions : [{ label: 'No suggestions', enabled: false }]),
          {
            label: 'Add to dictionary',
            click: () => contents.session.addWordToSpellCheckerDictionary(params.misspelledWord),
          },
          { type: 'separator' },
        ]
      : [];
    const edit: MenuItemConstructorOptions[] = params.isEditable
      ? [
          { role: 'undo' },
          { role: 'redo' },
          { type: 'separator' },
          { role: 'cut' },
          { role: 'copy' },
          { role: 'paste' },
          { role: 'selectAll' },
        ]
      : [{ role: 'copy' }];
    Menu.buildFromTemplate([...spelling, ...edit]).popup();
  });
}
