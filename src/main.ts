// The browser entry: shows the app, then registers the offline service worker.
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { isEmbedded } from './ui/shell/embed';
import { registerServiceWorker } from './ui/shell/serviceWorker.svelte';
import { warmNumberFormat } from './ui/shell/warmNumberFormat';
import './ui/app.css';

// Embed mode (src/ui/shell/embed.ts), for chrome outside a lab page to step aside in a course
// page's iframe: `:global(html[data-embed]) .bar { display: none }`.
if (isEmbedded()) document.documentElement.dataset.embed = '';
mount(App, { target: document.getElementById('app')! });
warmNumberFormat();
// After the first render, so storing the site for offline use never delays the first page.
registerServiceWorker();
