// antd's reset: without it the browser's 8px body margin frames every page and pushes phones into sideways scroll.
import 'antd/dist/reset.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { Providers } from './app/providers.tsx';
import { router } from './app/router.tsx';
import { SessionProvider } from './app/session.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');

createRoot(root).render(
  <StrictMode>
    <Providers>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </Providers>
  </StrictMode>,
);
