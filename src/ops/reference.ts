// The reference solutions of the playground's labs, through their entry files
// (ENTRY_FILES in ./labs; a unit test checks the two lists agree). Bundled into the
// playground page and used by the CLI: whatever lab has no passing learner code runs these.
import * as metrics from '../../solutions/metrics-collector/metrics';
import * as alertEngine from '../../solutions/alert-engine/alert-engine';
import * as notifier from '../../solutions/alert-notifier/notifier';
import * as channels from '../../solutions/alert-notifier/channels';
import { labModule, type LabModules } from './labs';

export const REFERENCE: LabModules = {
  'metrics-collector': labModule('metrics-collector', [metrics]),
  'alert-engine': labModule('alert-engine', [alertEngine]),
  'alert-notifier': labModule('alert-notifier', [notifier, channels]),
};
