# The HTTP server (Dialogflow webhook, admin API) as a container. Production should set
# DATABASE_URL, PSEUDONYM_SECRET and NODE_ENV=production; without DATABASE_URL the embedded store
# keeps its data in /data, which must be a volume.

# Build stage: bundle the TypeScript server into one CommonJS file with esbuild (a dev dependency).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build:server

# Runtime stage: plain node on the bundle. Runtime dependencies are still installed because
# PGlite is loaded from node_modules (it reads its WebAssembly files from its own folder).
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# build/server/main.js resolves content from /app/content (two folders up) and migrations beside itself.
COPY --from=build /app/build/server ./build/server
COPY content ./content
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# exec form: the server itself receives SIGTERM and closes the store cleanly.
CMD ["node", "build/server/main.js"]
