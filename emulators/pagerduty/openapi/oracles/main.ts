import { errorMessage } from '../../../../lib/errorMessage';
import { fetchOracles } from './fetch';
import { ORACLES_DIR_VARIABLE, oraclesDirectory } from './location';

/** `npm run oracles:fetch`: fills the reference folder (PAGERDUTY_ORACLES_DIR, default ../shared/oracles/pagerduty/). */
const target = oraclesDirectory();
fetchOracles({ target })
  .then((files) => {
    process.stdout.write(`Wrote ${files.length} files, each checked against its pinned sha256, to ${target}\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`oracles:fetch failed: ${errorMessage(error)}\n(the folder is ${target}; set ${ORACLES_DIR_VARIABLE} to choose another)\n`);
    process.exit(1);
  });
