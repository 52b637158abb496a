// Turns a pick or a drop into files with paths: a dropped folder (a saved
// page's `_files` folder, or the folder holding page and folder) is walked,
// so each image keeps its path relative to the page ("page_files/photo.jpg").
// The renderer only reads bytes; parsing happens in the services.
import { IMPORT_DOCUMENT_PATTERN } from '../../src-shared/ipc/limits';

export interface PickedFile {
  path: string;
  file: File;
}

const MAX_FILES = 500;

/** Documents an import starts from, in the order picked. */
export function importDocuments(files: readonly PickedFile[]): PickedFile[] {
  return files.filter((entry) => IMPORT_DOCUMENT_PATTERN.test(entry.path));
}

export function filesFromInput(list: FileList | null): PickedFile[] {
  return Array.from(list ?? [])
    .slice(0, MAX_FILES)
    .map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve) => reader.readEntries(resolve, () => resolve([])));
}

function fileOf(entry: FileSystemFileEntry): Promise<File | null> {
  return new Promise((resolve) => entry.file(resolve, () => resolve(null)));
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedFile[]): Promise<void> {
  if (out.length >= MAX_FILES) return;
  if (entry.isFile) {
    const file = await fileOf(entry as FileSystemFileEntry);
    if (file) out.push({ path: `${prefix}${entry.name}`, file });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    const batch = await readEntries(reader);
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, `${prefix}${entry.name}/`, out);
  }
}

/** Files of a drop, folders walked. Entries must be taken synchronously, before the drop handler returns. */
export function filesFromDrop(data: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(data.items)
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null))
    .filter((entry): entry is FileSystemEntry => entry !== null);
  const plain = filesFromInput(data.files);
  if (entries.length === 0) return Promise.resolve(plain);
  return (async () => {
    const out: PickedFile[] = [];
    for (const entry of entries) await walk(entry, '', out);
    return out.length > 0 ? out : plain;
  })();
}
