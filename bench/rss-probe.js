// Loaded with `node -r`: writes the process's peak resident set size (KB) to $MLM_RSS_OUT at exit.
'use strict';
process.on('exit', () => {
  if (process.env.MLM_RSS_OUT) require('fs').writeFileSync(process.env.MLM_RSS_OUT, String(process.resourceUsage().maxRSS));
});
