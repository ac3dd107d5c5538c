# The HTTP server (Dialogflow webhook, admin API) as a container. Production should set
# DATABASE_URL, PSEUDONYM_SECRET and NODE_ENV=production; without DATABASE_URL the embedded store
# keeps its data in /data, which must be a volume.
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
COPY package.json package-lock.json ./
# tsx runs the TypeScript sources directly, so only runtime dependencies are installed.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY src ./src
COPY content ./content
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# exec form: the server itself receives SIGTERM and closes the store cleanly.
CMD ["node_modules/.bin/tsx", "src/server/main.ts"]
