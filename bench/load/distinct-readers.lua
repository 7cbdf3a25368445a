-- Every request comes from a different reader: a distinct, ordinary browser User-Agent per thread and request.
--
-- With an argument (`-- SECONDS`, the run's duration), the last two seconds send a crawler's User-Agent instead,
-- which the counter ignores: wrk ends a run with a request in flight on every connection, which the server may
-- still count though wrk never sees the answer. A connection sends its next request only after the previous
-- answer came, so every reader request sent before the switch has been answered by the end, and `done` can print
-- exactly how many counting requests were answered.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  readers = 0
  deadline = args[1] and (os.time() + tonumber(args[1]) - 2) or nil
end

function request()
  counter = counter + 1
  if deadline and os.time() >= deadline then
    return wrk.format("GET", nil, { ["User-Agent"] = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" })
  end
  readers = readers + 1
  local agent = string.format("Mozilla/5.0 (X11; Linux x86_64; rv:%d.%d) Gecko/20100101 Firefox/132.0", id, counter)
  return wrk.format("GET", nil, { ["User-Agent"] = agent })
end

function done(summary, latency, requests)
  if threads[1]:get("deadline") then
    -- wrk calls request() once on the first thread to check the script (script_verify_request in its main)
    -- and never sends that request, so it is not an answered one.
    local total = -1
    for _, thread in ipairs(threads) do
      total = total + thread:get("readers")
    end
    io.write(string.format("reader requests answered: %d\n", total))
  end
end
