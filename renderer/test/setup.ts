// IndexedDB for Dexie in Node: every test file gets a fresh in-memory implementation.
import 'fake-indexeddb/auto';
