// One autocannon run in its own process (so the load generator never shares
// a thread with the bench's own work): argv[2] is JSON { origin, paths,
// connections, seconds }; prints { rps, p50, p99, errors, non2xx } as JSON.
import autocannon from 'autocannon';

const { origin, paths, connections, seconds, headers = {} } = JSON.parse(process.argv[2]);
const options = { url: `${origin}${paths[0]}`, connections, duration: seconds, headers };
if (paths.length > 1) {
  let k = 0;
  options.url = origin;
  options.requests = [{ setupRequest: (req) => ({ ...req, path: paths[k++ % paths.length] }) }];
}
const result = await autocannon(options);
console.log(
  JSON.stringify({
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    non2xx: result.non2xx,
  }),
);
