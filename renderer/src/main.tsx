import '@mantine/core/styles.css';
import './styles/app.css';
import './styles/grid.css';
import './styles/order.css';
import './styles/import.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { detectShell } from './shell';
import { theme } from './theme';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <App shell={detectShell()} />
    </MantineProvider>
  </StrictMode>,
);
