# syntax=docker/dockerfile:1
# PagerDuty for Service Cloud: the app in one image. `docker compose up` (compose.yaml) runs two
# instances on PostgreSQL behind Caddy; `docker run -p 3000:3000 <image>` alone starts demo mode.
# server/container.integration.test.ts runs this file's CMD with its ENV and HEALTHCHECK without Docker.

# ---- build: every dependency, the UI bundle, then only what runs --------------------------------
FROM node:22-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary matches the platform. Debian's
# versions are not pinned (hadolint DL3008): bookworm's security updates should come in.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The image builds its UI from the sources (dist/ is not in the build context); the result is the
# same as the dist/ committed for git clones (npm run check:ui-build proves that in CI).
RUN npx vite build --logLevel warn
# The runtime needs no devDependency: the server runs through tsx (a dependency) and the UI is the
# bundle just built into dist/ (vite, lit and SLDS are build inputs only; the Salesforce emulator's
# page, for demo mode, uses the SLDS files the build copied into dist/emulators). Pruning here rather than
# running `npm ci --omit=dev` in the runtime stage keeps the compiler above out of the final image:
# better-sqlite3's native module built above is carried over as is.
RUN npm prune --omit=dev --no-audit --no-fund

# ---- runtime ------------------------------------------------------------------------------------
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json /app/tsconfig.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/contracts ./contracts
COPY --from=build --chown=root:root /app/rules ./rules
COPY --from=build --chown=root:root /app/lib ./lib
COPY --from=build --chown=root:root /app/migrations ./migrations
COPY --from=build --chown=root:root /app/server ./server
# Demo mode (no connection configured) runs both emulators inside the app.
COPY --from=build --chown=root:root /app/emulators ./emulators
COPY --from=build --chown=root:root /app/LICENSE /app/NOTICE /app/THIRD-PARTY-NOTICES.md ./
# The code belongs to root and is read-only to the app; only DATA_DIR is the app's (SQLite, the
# generated secret key, the demo's TLS files).
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# No curl in the slim image: Node's own fetch asks /readyz on the port the app listens on.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
# Node itself is PID 1 (tsx as a loader, not a wrapper process), so SIGTERM from `docker stop`
# reaches the app's graceful shutdown; the UI is already built, nothing is rebuilt at start.
CMD ["node", "--import", "tsx", "server/main.ts"]
