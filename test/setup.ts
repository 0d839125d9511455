// idb-keyval needs IndexedDB, which jsdom lacks.
import 'fake-indexeddb/auto';
// The interface's built-in English and French texts (candor.js loads one language chunk instead).
import '../src/ui/i18n/index';
