import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { connectToHost } from './teams/host.js';

const host = await connectToHost();
createRoot(document.getElementById('root')!).render(<App host={host} />);
