// `byline` as the import bench runs it: the same CLI, then its peak RSS (kB) on stderr.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2));
process.stderr.write(`\nmaxrss_kb=${process.resourceUsage().maxRSS}\n`);
process.exit(code);
