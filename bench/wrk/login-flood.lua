-- A flood of wrong access codes: each request a new random code, so every one costs the server a bcrypt verify
-- (an unknown lookup id is checked against a dummy hash) and no lockout short-cuts it.
local alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
math.randomseed(os.time())

local function code()
  local chars = {}
  for i = 1, 16 do
    local n = math.random(1, #alphabet)
    chars[#chars + 1] = alphabet:sub(n, n)
    if i % 4 == 0 and i < 16 then
      chars[#chars + 1] = "-"
    end
  end
  return table.concat(chars)
end

request = function()
  return wrk.format("POST", "/api/v1/auth/login", { ["Content-Type"] = "application/json" }, '{"access_code":"' .. code() .. '"}')
end
