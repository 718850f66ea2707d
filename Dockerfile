# syntax=docker/dockerfile:1
# Build stage: compilers are needed only here (hnswlib-node and better-sqlite3 build from source).
FROM node:20-bookworm-slim AS build
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
# Dev dependencies (vitest, pdfkit, ...) are dropped; tsx stays as a runtime dependency.
RUN npm prune --omit=dev

# Runtime stage: no compilers, non-root user, data on a volume.
FROM node:20-bookworm-slim
# OCR of scanned PDF pages (optional at run time; without it such pages are reported).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-swe poppler-utils \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 CORPUS_DIR=/app/corpus INDEX_DIR=/data/index DATA_DIR=/data
# Listening on the container network needs a sign-in mode. The image starts without one so that
# `docker run` works like `npm start`, with an explicit, logged acceptance; production deployments
# set AUTH_MODE=proxy|oidc|token (SECURITY.md) and unset this.
ENV AUTH_MODE=none AUTH_ALLOW_NONE_ON_NETWORK=true
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Like `npm start`: ingests the corpus on first start when /data has no index, then serves.
CMD ["node", "--import", "tsx", "src/main.ts"]
