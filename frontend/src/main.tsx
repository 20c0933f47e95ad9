import 'leaflet/dist/leaflet.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// No StrictMode: its simulated unmount runs react-leaflet's cleanup, which removes the Leaflet map for good.
createRoot(root).render(<App />);
