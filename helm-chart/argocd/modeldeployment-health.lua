-- Argo CD health check for modeldeploy.io/ModelDeployment.
-- Argo CD runs this with the live object in `obj` and reads back {status, message}.
local hs = {}

-- The condition of this type, or nil.
local function condition(type)
  if obj.status.conditions ~= nil then
    for _, c in ipairs(obj.status.conditions) do
      if c.type == type then
        return c
      end
    end
  end
  return nil
end

local function message(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    return c.message
  end
  return fallback
end

-- A status the operator wrote for an older spec says nothing about this one yet.
if obj.status == nil or obj.status.observedGeneration == nil
    or (obj.metadata.generation ~= nil and obj.status.observedGeneration < obj.metadata.generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe the latest spec"
  return hs
end

-- Stopped on purpose (spec.stopped: true): not an error, and nothing to wait for.
if obj.spec ~= nil and obj.spec.stopped == true then
  hs.status = "Suspended"
  hs.message = "Stopped (phase " .. tostring(obj.status.phase) .. ")"
  return hs
end

local ready = condition("Ready")
-- Scaled to zero (spec.replicas 0, or the autoscaler at minReplicas 0): the state asked for, nothing to wait for;
-- with autoscaling, a request through the gateway starts an instance.
if obj.status.phase == "Stopped" and ready ~= nil and ready.reason == "ScaledToZero" then
  hs.status = "Healthy"
  hs.message = message(ready, "Scaled to zero")
  return hs
end
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = message(ready, "Ready")
  return hs
end

-- Failed (an invalid spec, an unsupported target) or Degraded: show why, from the failing condition.
local degraded = condition("Degraded")
if degraded ~= nil and degraded.status == "True" then
  hs.status = "Degraded"
  hs.message = message(degraded, degraded.reason or "Degraded")
  return hs
end
if obj.status.phase == "Failed" then
  hs.status = "Degraded"
  hs.message = message(ready, "Failed")
  return hs
end

-- Pending or Starting: the Ready condition says what it is waiting for.
hs.status = "Progressing"
hs.message = message(ready, "Phase " .. tostring(obj.status.phase))
return hs
