# One image for every service of the monorepo; WORKSPACE picks which one a container runs.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages ./packages
COPY subgraphs ./subgraphs
COPY router ./router
COPY embedded ./embedded
COPY schema ./schema
COPY tsconfig.json ./
RUN npm ci --omit=dev --ignore-scripts=false && npm install --no-save tsx
ENV NODE_ENV=production
# No npm update check on every `npm run start` (a request to the registry at each container start).
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
ARG WORKSPACE
ENV WORKSPACE=${WORKSPACE}
USER node
CMD ["sh", "-c", "npm run start -w $WORKSPACE"]
