// idb-keyval needs IndexedDB, which jsdom lacks.
import 'fake-indexeddb/auto';
