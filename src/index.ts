/** The ES module: the headless core and the Preact interface. */
export { createCandor } from './module';
/** The Candor release (package.json's `version`). */
export const version: string = __VERSION__;
export type { MountUI, Options } from './core/manager';
export { checkConfig, parseConfig, isSafeUrl, type Checked } from './core/config';
export { canonical } from './core/receipts';
export { noticeHash, notice, loadTexts, type NoticeFormat } from './notice';
export { mountUI } from './ui/index';
export type {
  AIDisclosure,
  Candor,
  CandorHost,
  Config,
  DataCategory,
  EventMap,
  EventName,
  Method,
  Problem,
  Purpose,
  Receipt,
  ReceiptEvent,
  ResolvedConfig,
  State,
  Text,
  UI,
  Vendor,
  View,
} from './types';
