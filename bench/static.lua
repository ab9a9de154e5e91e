-- wrk script for the nginx anchor: no signing, the same summary line as endpoint.lua.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
      "RESULT requests=%d duration_us=%d rps=%.0f p50_us=%d p99_us=%d max_us=%d mean_us=%d " ..
      "bytes=%d connect=%d read=%d write=%d status=%d timeout=%d bad_body=0\n",
      summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
      latency:percentile(50), latency:percentile(99), latency.max, math.floor(latency.mean), summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout))
end
