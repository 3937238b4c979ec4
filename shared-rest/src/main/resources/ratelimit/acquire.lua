-- Takes ARGV[2] permits from every window of one key at once, or from none (atomic: one script).
-- Times in microseconds (exact in Lua's doubles until 2255).
-- KEYS[i]   state of window i (a 'log' window also uses KEYS[i]..':s' for member ids: same hash slot)
-- ARGV[1]   now, ARGV[2] permits, then 4 per window: kind, limit, cost, period
--   kind 'tb'   token bucket: limit = burst, cost = µs per permit; hash {c = credit µs, t = last µs}
--   kind 'gcra' GCRA: limit = burst, cost = emission interval µs; string = theoretical arrival time
--   kind 'log'  sliding log: limit = permits per period; zset of admission times
--   kind 'day'  calendar day: limit = permits per day, cost = the day's end (µs); the key names the day
-- Returns {allowed 0|1, limit, remaining, reset µs, retry-after µs (-1: never)} of the tightest window.
local now = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local wait = 0
local st = {}
for i = 1, #KEYS do
  local b = 2 + (i - 1) * 4
  local kind, limit, cost, period = ARGV[b + 1], tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3]), tonumber(ARGV[b + 4])
  local key = KEYS[i]
  local w = 0
  if kind == 'tb' then
    local full = limit * cost
    local h = redis.call('HMGET', key, 'c', 't')
    local c = tonumber(h[1]) or full
    local t = tonumber(h[2]) or now
    if now > t then c = math.min(full, c + (now - t)); t = now end
    if n > limit then w = -1 elseif c < n * cost then w = n * cost - c end
    st[i] = {c, t}
  elseif kind == 'gcra' then
    local tat = tonumber(redis.call('GET', key)) or now
    if tat < now then tat = now end
    local allowAt = tat + n * cost - limit * cost
    if n > limit then w = -1 elseif allowAt > now then w = allowAt - now end
    st[i] = tat
  elseif kind == 'log' then
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - period)
    local count = redis.call('ZCARD', key)
    local over = count + n - limit
    if n > limit then w = -1 elseif over > 0 then
      local e = redis.call('ZRANGE', key, over - 1, over - 1, 'WITHSCORES')
      w = math.max(1, tonumber(e[2]) + period - now)
    end
    st[i] = count
  else
    local count = tonumber(redis.call('GET', key)) or 0
    if n > limit then w = -1 elseif count + n > limit then w = cost - now end
    st[i] = count
  end
  if w < 0 or wait < 0 then wait = -1 elseif w > wait then wait = w end
end
local allowed = wait == 0
local bestRem, bestLimit, bestReset = nil, 0, 0
for i = 1, #KEYS do
  local b = 2 + (i - 1) * 4
  local kind, limit, cost, period = ARGV[b + 1], tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3]), tonumber(ARGV[b + 4])
  local key = KEYS[i]
  local rem, reset
  if kind == 'tb' then
    local c, t = st[i][1], st[i][2]
    local full = limit * cost
    if allowed then
      c = c - n * cost
      redis.call('HSET', key, 'c', c, 't', t)
      redis.call('PEXPIRE', key, math.ceil((full - c) / 1000) + 1)
    end
    rem = math.floor(c / cost)
    reset = full - c
  elseif kind == 'gcra' then
    local tat = st[i]
    if allowed then
      tat = tat + n * cost
      redis.call('SET', key, string.format('%.0f', tat), 'PX', math.ceil((tat - now) / 1000) + 1)
    end
    rem = math.floor((limit * cost - (tat - now)) / cost)
    reset = tat - now
  elseif kind == 'log' then
    local count = st[i]
    if allowed then
      for j = 1, n do
        local id = redis.call('INCR', key .. ':s')
        redis.call('ZADD', key, now, id)
      end
      count = count + n
      local ttl = math.ceil(period / 1000) + 1
      redis.call('PEXPIRE', key, ttl)
      redis.call('PEXPIRE', key .. ':s', ttl)
      reset = period
    elseif count > 0 then
      local e = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
      reset = tonumber(e[2]) + period - now
    else
      reset = 0
    end
    rem = limit - count
  else
    local count = st[i]
    if allowed then
      count = redis.call('INCRBY', key, n)
      redis.call('PEXPIREAT', key, math.ceil(cost / 1000) + 60000)
    end
    rem = limit - count
    if count == 0 then reset = 0 else reset = cost - now end
  end
  if bestRem == nil or rem < bestRem then bestRem, bestLimit, bestReset = rem, limit, reset end
end
if bestRem < 0 then bestRem = 0 end
return {allowed and 1 or 0, bestLimit, bestRem, math.floor(bestReset), math.floor(wait)}
