// The dashboard is just another ECS client: every read and action is an ECS API call on this
// origin. The account and region go in a SigV4-shaped Authorization header (KECS reads the scope
// from the credential and never verifies signatures), so no special gateway path is needed.
const TARGET = 'AmazonEC2ContainerServiceV20141113.';

export class EcsError extends Error {
  constructor(code, message, status) {
    super(message || code);
    this.code = code;
    this.status = status;
  }
}

// Null until chosen: calls then carry no Authorization and get the server's default scope, so the
// first calls need not wait for the list of scopes.
export const scope = { account: null, region: null };

function authorization() {
  if (!scope.account) return undefined;
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return `AWS4-HMAC-SHA256 Credential=${scope.account}/${day}/${scope.region}/ecs/aws4_request, `
    + 'SignedHeaders=content-type;host;x-amz-target, Signature=unsigned-kecs-dashboard';
}

export async function ecs(operation, body) {
  let response;
  try {
    response = await fetch('/', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': TARGET + operation,
        ...(authorization() ? { Authorization: authorization() } : {}),
      },
      body: JSON.stringify(body || {}),
    });
  } catch (e) {
    throw new EcsError('NetworkError', 'KECS is not reachable: ' + e.message, 0);
  }
  const text = await response.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch { json = { message: text }; }
  if (!response.ok) {
    const type = response.headers.get('x-amzn-ErrorType') || json.__type || 'Error';
    throw new EcsError(type.split('#').pop().split(':')[0], json.message || json.Message, response.status);
  }
  return json;
}

/** Every item of a paginated list call, handed over page by page as they arrive. */
export async function listAll(operation, body, key, onPage) {
  const all = [];
  let token;
  do {
    const page = await ecs(operation, { ...body, nextToken: token, maxResults: 100 });
    all.push(...(page[key] || []));
    if (onPage) onPage(all, Boolean(page.nextToken));
    token = page.nextToken;
  } while (token);
  return all;
}

/** Describes ids in batches of {@code size}, five at a time (the sixth connection is the stream). */
export async function describeBatched(ids, size, describe) {
  const batches = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  const out = [];
  const workers = Array.from({ length: Math.min(5, batches.length) }, async () => {
    while (batches.length) out.push(...(await describe(batches.shift())));
  });
  await Promise.all(workers);
  return out;
}

export async function dashboard(path) {
  const r = await fetch('/_kecs/ui/api/' + path);
  if (!r.ok) throw new EcsError('DashboardError', `${path}: HTTP ${r.status}`, r.status);
  return r.json();
}
