# One image for every service of the monorepo; WORKSPACE (e.g. @supergraph/router) picks which one
# a container runs. The build stage compiles every workspace to dist/ (npm run build); the final
# stage keeps the compiled JavaScript and production dependencies only, and runs it with node.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev --no-audit --no-fund
ARG WORKSPACE
# /app/service -> the workspace's folder (router/, subgraphs/users/, ...), so CMD needs no lookup.
RUN test -n "$WORKSPACE" && ln -s "$(node -p "require('node:path').dirname(require.resolve(process.argv[1] + '/package.json'))" "$WORKSPACE")" /app/service

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# No npm update check (a request to the registry whenever npm runs in the container).
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
COPY --from=build --chown=node:node /app /app
USER node
# node as PID 1 receives SIGTERM itself and stops the service cleanly (no npm or shell between).
CMD ["node", "--enable-source-maps", "service/dist/index.js"]
