-- wrk script for the AccordService load test: signed POST /v1/signals, each with a fresh
-- Idempotency-Key. The requests are signed beforehand by signal-client.py presign (wrk's Lua has
-- no HMAC-SHA256), one per line "<timestamp>\t<hex signature>\t<body>", in LOAD_REQUESTS.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local signed = {}
local counter = 0

function init(args)
  for line in io.lines(os.getenv("LOAD_REQUESTS")) do
    local timestamp, signature, body = line:match("^(%d+)\t(%x+)\t(.*)$")
    signed[#signed + 1] = { timestamp, "sha256=" .. signature, body }
  end
  counter = id * 7919
end

function request()
  counter = counter + 1
  local r = signed[(counter % #signed) + 1]
  return wrk.format("POST", "/v1/signals", {
    ["Content-Type"] = "application/json",
    ["X-Accord-Timestamp"] = r[1],
    ["X-Accord-Signature"] = r[2],
    ["Idempotency-Key"] = "load:" .. id .. "-" .. counter,
  }, r[3])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f requests_per_second=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non_2xx_or_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, failed))
end
