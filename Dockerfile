# syntax=docker/dockerfile:1
# Node 24 is an LTS line supported until April 2028 (node:20 reached end of life in April 2026).
# The code also runs on Node 20 and 22 (package.json engines), so development machines can keep theirs.
ARG NODE_IMAGE=node:24-bookworm-slim

# Build stage: compilers are needed only here (hnswlib-node and better-sqlite3 build from source).
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY ingest ./ingest
COPY web ./web
COPY corpus ./corpus
COPY scripts/docker-entrypoint.sh ./scripts/docker-entrypoint.sh
# Dev dependencies (vitest, pdfkit, ...) are dropped; tsx stays as a runtime dependency.
RUN npm prune --omit=dev

# Runtime stage: no compilers, non-root user, data on a volume.
FROM ${NODE_IMAGE}
# OCR of scanned PDF pages (optional at run time; without it such pages are reported).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-swe poppler-utils \
 && rm -rf /var/lib/apt/lists/*
# No sign-in mode here on purpose: the container listens on the network, so it refuses to start
# until AUTH_MODE is given (token, proxy or oidc; see SECURITY.md). Secrets (tokens, OIDC client
# secret, SESSION_SECRET, ADMIN_TOKEN, DATABASE_URL) come from the environment or mounted files at run time.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 CORPUS_DIR=/app/corpus INDEX_DIR=/data/index DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Ready = an index is loaded and the database answers (GET /api/ready); liveness alone is /api/health.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s CMD node -e "fetch('http://127.0.0.1:3000/api/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
ENTRYPOINT ["/app/scripts/docker-entrypoint.sh"]
# Like `npm start`: ingests the corpus on first start when /data has no index, then serves.
CMD ["node", "--import", "tsx", "src/main.ts"]
