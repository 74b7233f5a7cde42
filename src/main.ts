// The browser entry: shows the app, then registers the offline service worker.
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { registerServiceWorker } from './ui/shell/serviceWorker.svelte';
import './ui/app.css';

mount(App, { target: document.getElementById('app')! });
// After the first render, so storing the site for offline use never delays the first page.
registerServiceWorker();
