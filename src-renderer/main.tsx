import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installDropGuard } from './dropGuard';
import { requestStartupPage } from './drafts/useDraftList';
import { OutboxProvider } from './publish/outboxContext';
import './styles.css';

requestStartupPage();
installDropGuard();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <OutboxProvider>
      <App />
    </OutboxProvider>
  </StrictMode>,
);
