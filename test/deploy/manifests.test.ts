import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { LIVENESS_PATH, METRICS_PATH, READINESS_PATH } from "../../src/server/routes.js";
import { serverSettings } from "../../src/server/settings.js";

// The deployment files as an operator applies them: parsed, and checked against what the server reads and serves.
const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), "utf8");

// The parts of the manifests the tests read.
type Container = {
  command?: string[];
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string; optional?: boolean } } }>;
  envFrom?: unknown[];
  ports?: Array<{ name: string; containerPort: number }>;
  livenessProbe?: { httpGet?: unknown };
  readinessProbe?: { httpGet?: unknown };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: unknown;
  volumeMounts?: Array<{ name: string; mountPath: string }>;
};
type PodSpec = {
  terminationGracePeriodSeconds?: number;
  securityContext: { runAsNonRoot?: boolean; runAsUser?: number };
  automountServiceAccountToken?: boolean;
  containers: Container[];
  volumes?: Array<{ name: string; emptyDir?: object }>;
};
type PodTemplate = { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec };
type Spec = {
  replicas?: number;
  strategy?: { rollingUpdate: { maxUnavailable: number } };
  selector?: { matchLabels?: Record<string, string> } & Record<string, unknown>;
  template?: PodTemplate;
  jobTemplate?: { spec: { template: PodTemplate } };
  ports?: Array<{ port: number }>;
};
type Doc = { kind: string; metadata: { name: string }; spec: Spec & NetworkPolicySpec; stringData?: Record<string, string> };
type Selector = { matchExpressions: Array<{ key: string; operator: string; values: string[] }> };
type NetworkPolicySpec = {
  podSelector?: { matchLabels: Record<string, string> };
  ingress?: Array<{ from: Array<{ podSelector: Selector }> }>;
};
function manifests(path: string): Doc[] {
  return parseAllDocuments(read(path)).map((d) => {
    expect(d.errors, path).toEqual([]);
    return d.toJS() as Doc;
  });
}

const app = manifests("deploy/kubernetes/app.yaml");
const cronJob = manifests("deploy/kubernetes/cronjob.yaml")[0]!;
const secret = manifests("deploy/kubernetes/secret.example.yaml")[0]!;
const named = (kind: string, name: string) => app.find((d) => d.kind === kind && d.metadata.name === name)!;
const server = named("Deployment", "kep-tracker");
const redis = named("Deployment", "kep-tracker-redis");
const serverPod = server.spec.template!;
const serverContainer = serverPod.spec.containers[0]!;
/** The variables .env.example documents: the ones the App and the CLI read. */
const documented = new Set([...read(".env.example").matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

/** Every pod spec of the files, with where it comes from. */
const sweepPod = cronJob.spec.jobTemplate!.spec.template.spec;
const pods: Array<[string, PodSpec]> = [
  ["app server", serverPod.spec],
  ["redis", redis.spec.template!.spec],
  ["sweep", sweepPod],
];

describe("deploy/kubernetes", () => {
  it("app.yaml holds the App's Deployment, Service and disruption budget, and a Redis with its Service and NetworkPolicy", () => {
    expect(app.map((d) => `${d.kind} ${d.metadata.name}`)).toEqual([
      "Deployment kep-tracker",
      "Service kep-tracker",
      "PodDisruptionBudget kep-tracker",
      "Deployment kep-tracker-redis",
      "Service kep-tracker-redis",
      "NetworkPolicy kep-tracker-redis",
    ]);
    expect(cronJob.kind).toBe("CronJob");
    expect(secret.kind).toBe("Secret");
  });

  it("runs two replicas of the webhook server, probed on the routes the server serves, never both down in a rollout", () => {
    expect(server.spec.replicas).toBe(2);
    expect(server.spec.strategy!.rollingUpdate.maxUnavailable).toBe(0);
    expect(serverContainer.livenessProbe?.httpGet).toEqual({ path: LIVENESS_PATH, port: "http" });
    expect(serverContainer.readinessProbe?.httpGet).toEqual({ path: READINESS_PATH, port: "http" });
    const port = serverContainer.ports!.find((p) => p.name === "http")!.containerPort;
    expect(serverContainer.env).toContainEqual({ name: "PORT", value: String(port) });
    expect(serverContainer.env).toContainEqual({ name: "HOST", value: "0.0.0.0" });
    expect(serverPod.metadata.annotations).toMatchObject({ "prometheus.io/path": METRICS_PATH, "prometheus.io/port": String(port) });
  });

  it("selects the server's pods in its Service and disruption budget", () => {
    const labels = serverPod.metadata.labels;
    expect(server.spec.selector!.matchLabels).toEqual(labels);
    expect(named("Service", "kep-tracker").spec.selector).toEqual(labels);
    expect(named("PodDisruptionBudget", "kep-tracker").spec.selector!.matchLabels).toEqual(labels);
    expect(named("Service", "kep-tracker-redis").spec.selector).toEqual(redis.spec.template!.metadata.labels);
  });

  it("lets only kep-tracker's server and sweep pods reach Redis, and starts the sweep without a REDIS_URL in the Secret", () => {
    const policy = named("NetworkPolicy", "kep-tracker-redis");
    expect(policy.spec.podSelector!.matchLabels).toEqual(redis.spec.template!.metadata.labels);
    const [rule] = policy.spec.ingress!;
    const admits = (labels: Record<string, string>) =>
      rule!.from.some((f) => f.podSelector.matchExpressions.every((m) => m.operator === "In" && m.values.includes(labels[m.key] ?? "")));
    expect(admits(serverPod.metadata.labels)).toBe(true);
    expect(admits(cronJob.spec.jobTemplate!.spec.template.metadata.labels)).toBe(true);
    expect(admits({ "app.kubernetes.io/name": "something-else", "app.kubernetes.io/component": "webhook-server" })).toBe(false);
    expect(admits(redis.spec.template!.metadata.labels)).toBe(false);
    const redisUrl = sweepPod.containers[0]!.env!.find((e) => e.name === "REDIS_URL")!;
    expect(redisUrl.valueFrom!.secretKeyRef).toMatchObject({ optional: true });
  });

  it.each(pods)(
    "runs the %s as non-root on a read-only root filesystem, with no privilege escalation, every capability dropped and a memory limit",
    (_, pod) => {
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of pod.containers) {
        expect(c.securityContext).toEqual({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ["ALL"] },
        });
        expect(c.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
        expect(c.resources.limits.memory).toEqual(expect.any(String));
        // Whatever it writes goes to an emptyDir, not the image.
        for (const mount of c.volumeMounts ?? []) expect(pod.volumes?.find((v) => v.name === mount.name)).toHaveProperty("emptyDir");
      }
    },
  );

  it("gives a stopping server the time to wait, then finish the deliveries it took (the server's defaults)", () => {
    const settings = serverSettings({ APP_ID: "1", PRIVATE_KEY: "pem" });
    const env = Object.fromEntries((serverContainer.env ?? []).map((e) => [e.name, e.value]));
    expect(env.SHUTDOWN_DELAY_MS ?? env.SHUTDOWN_GRACE_MS).toBeUndefined();
    expect(serverPod.spec.terminationGracePeriodSeconds! * 1000).toBeGreaterThanOrEqual(
      settings.shutdownDelayMs + settings.shutdownGraceMs + 10_000,
    );
  });

  it("gives the server a writable /tmp", () => {
    const tmp = serverContainer.volumeMounts?.find((m) => m.mountPath === "/tmp");
    expect(serverPod.spec.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
  });

  it("has the Secret hold what the server reads, named as in .env.example, and the REDIS_URL of app.yaml's Redis", () => {
    expect(Object.keys(secret.stringData!).sort()).toEqual(["APP_ID", "PRIVATE_KEY", "REDIS_URL", "WEBHOOK_SECRET"]);
    for (const key of Object.keys(secret.stringData!)) expect(documented, key).toContain(key);
    expect(serverContainer.envFrom).toEqual([{ secretRef: { name: secret.metadata.name } }]);
    const redisService = named("Service", "kep-tracker-redis");
    expect(secret.stringData!.REDIS_URL).toBe(`redis://${redisService.metadata.name}:${redisService.spec.ports![0]!.port}`);
  });

  it("reads only variables .env.example documents, and only keys the Secret has", () => {
    for (const pod of [serverPod.spec, sweepPod]) {
      for (const e of pod.containers[0]!.env ?? []) {
        expect(documented, e.name).toContain(e.name);
        if (e.valueFrom)
          expect(e.valueFrom.secretKeyRef).toMatchObject({
            name: secret.metadata.name,
            key: expect.toBeOneOf(Object.keys(secret.stringData!)),
          });
      }
    }
  });
});

describe("deploy/Dockerfile", () => {
  const dockerfile = read("deploy/Dockerfile");
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1)!;

  it("builds in stages and ships production dependencies only, as a non-root user", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(runtime).not.toMatch(/^RUN npm ci(?! --omit=dev)/m);
    expect(runtime).toMatch(/^USER [1-9]\d*(:\d+)?$/m);
  });

  it("starts the webhook server by default, as the Deployment does, and has the CLI the CronJob runs", () => {
    const cmd = JSON.parse(/^CMD (.*)$/m.exec(runtime)![1]!);
    expect(cmd).toEqual(serverContainer.command);
    expect(runtime).toMatch(/^COPY bin \.\/bin$/m);
    expect(sweepPod.containers[0]!.command!.slice(0, 2)).toEqual(["node", "bin/kep-tracker.js"]);
  });

  it("builds from every folder tsc compiles and ships the code the CLI and the server run", () => {
    const build = stages[0]!;
    const tsconfig = JSON.parse(read("tsconfig.json")) as { include: string[] };
    for (const dir of tsconfig.include)
      expect(build, `the build stage copies ${dir}/`).toMatch(new RegExp(`^COPY ${dir} \\./${dir}$`, "m"));
    expect(build).toMatch(/^COPY tsconfig\.json rolldown\.config\.mjs \.\/$/m);
    // bin/kep-tracker.js runs the CLI's bundle (dist/cli) and the plugin's code, the server what tsc leaves in dist/src.
    const binImports = [...read("bin/kep-tracker.js").matchAll(/import\("\.\.\/(dist\/[^/]+)\//g)].map((m) => m[1]!);
    expect(binImports).toEqual(["dist/src", "dist/cli"]);
    for (const dir of binImports) expect(runtime).toContain(`COPY --from=build /app/${dir} ./${dir}`);
  });
});
