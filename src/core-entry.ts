/** The lazily loaded records chunk (dist/candor-core.js): registers its services for candor.js. */
import { createServices } from './core/services';

(window as any).candorCore = createServices;
