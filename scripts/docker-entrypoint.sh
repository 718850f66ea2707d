#!/bin/sh
# Container entrypoint: refuses to start without an explicit sign-in mode.
# The image listens on 0.0.0.0 (the container network); without AUTH_MODE every
# routine, including OSL-protected ones, would be readable by anyone who
# reaches the port. src/config/env.ts checks the same rule again at start.
set -eu
if [ -z "${AUTH_MODE:-}" ]; then
  cat >&2 <<'MSG'
Rutinsvar startar inte: ingen inloggning är vald (AUTH_MODE saknas).
Containern lyssnar på nätverket, så ett inloggningsläge måste anges uttryckligen, t.ex.:
  docker run -e AUTH_MODE=token -e AUTH_TOKENS_FILE=/run/secrets/tokens.json -v "$PWD/tokens.json:/run/secrets/tokens.json:ro" …
  docker run -e AUTH_MODE=proxy -e AUTH_TRUSTED_PROXIES=10.0.0.5 …
  docker run -e AUTH_MODE=oidc -e OIDC_ISSUER=… -e OIDC_CLIENT_ID=… -e OIDC_CLIENT_SECRET=… -e OIDC_REDIRECT_URI=… -e SESSION_SECRET=… …
Bara för test på en isolerad maskin: -e AUTH_MODE=none -e AUTH_ALLOW_NONE_ON_NETWORK=true (alla som når porten läser alla rutiner).
Se SECURITY.md, avsnittet Inloggning.
MSG
  exit 78
fi
exec "$@"
