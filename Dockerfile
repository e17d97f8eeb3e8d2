# mailward: build the TypeScript, then run the relay on Node 20 as an unprivileged user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 builds from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
ENV ONNXRUNTIME_NODE_INSTALL=skip
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY config ./config
COPY models ./models
RUN mkdir -p /var/lib/mailward && chown node:node /var/lib/mailward
USER node
VOLUME ["/var/lib/mailward"]
# Exchange Online connects to port 25; inside the container we listen on 2525 and the
# container runtime maps 25 to it, so the process needs no privileges.
EXPOSE 2525
ENTRYPOINT ["node", "bin/mailward.js"]
CMD ["serve", "--data", "/var/lib/mailward", "--listen", "0.0.0.0:2525"]
