/** The floating button (dist/candor-button.js), loaded by candor.js once the button must be visible (src/core/lazy-button.ts). */
import { floatingButton } from './core/button';

window['candor-button'] = floatingButton;
