-- wrk script for bench/load.py, which puts `config = {...}` above this text:
--   config.method, config.path   the request
--   config.expect                the status every answer must have (anything else is counted)
--   config.identities            { {headers = {...}, session = "12"}, ... }: each request picks
--                                one at random (many athletes logging at once, not one)
--   config.body                  nil, or a format string: %s = identity.session, %s = a new UUID
--   config.seed                  a different number per run, so that no client_id comes back
-- done() prints one line, "WRK_JSON {...}", with the figures bench/load.py reads.

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

unexpected = 0
local seeded = false

-- A version 4 UUID: a phone makes a fresh one for every set it logs.
local function uuid4()
  local b = {}
  for i = 1, 16 do b[i] = math.random(0, 255) end
  b[7] = b[7] % 16 + 64
  b[9] = b[9] % 64 + 128
  return string.format(
    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", unpack(b))
end

function request()
  if not seeded then
    math.randomseed(config.seed * 1000 + id)
    seeded = true
  end
  local who = config.identities[math.random(#config.identities)]
  -- wrk.format writes Content-Length into the table it is given: give it a copy.
  local headers = {}
  for name, value in pairs(who.headers) do headers[name] = value end
  local body = nil
  if config.body then
    body = string.format(config.body, who.session or "", uuid4())
  end
  return wrk.format(config.method, config.path, headers, body)
end

function response(status, headers, body)
  if status ~= config.expect then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local wrong = 0
  for _, thread in ipairs(threads) do
    wrong = wrong + (thread:get("unexpected") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "unexpected": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"mean": %.1f, "p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d}}\n',
    summary.requests, summary.duration, summary.bytes, wrong,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max))
end
