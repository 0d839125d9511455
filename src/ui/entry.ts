/** The lazily loaded interface chunk (dist/candor-ui.js): registers `mountUI` for candor.js to pick up. */
import { mountUI } from './index';

(window as any).candorUI = mountUI;
