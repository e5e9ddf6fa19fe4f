import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { PodSpec } from "kubernetes-models/v1/PodSpec";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { ConfigFileSchema } from "../../src/config/config.js";
import { PLUGIN_EVENTS } from "../../src/render/plugin-help.js";
import { LIVENESS_PATH, READINESS_PATH } from "../../src/server/routes.js";

// Every manifest checked by a real schema validator, nothing fetched at run time: Kubernetes objects against
// Kubernetes' own OpenAPI schemas as kubernetes-models ships them (its models validate with ajv), and Prow's
// job and plugin configuration against schemas written from Prow's Go types (test/deploy/schemas/).

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const read = (path: string) => readFileSync(root(path), "utf8");
const docs = (path: string): Array<Record<string, unknown>> =>
  parseAllDocuments(read(path)).map((d) => {
    expect(d.errors, path).toEqual([]);
    return d.toJS() as Record<string, unknown>;
  });

type Validatable = { validate(): void };
type ModelClass = new (data: unknown) => Validatable;

/** The kubernetes-models class of an object: "apps/v1" Deployment is kubernetes-models/apps/v1/Deployment, "v1" Service is …/v1/Service. */
async function modelOf(apiVersion: string, kind: string): Promise<ModelClass> {
  const module: Record<string, unknown> = await import(`kubernetes-models/${apiVersion}/${kind}`);
  return module[kind] as ModelClass;
}

/** Kubernetes' verdict on an object: null when valid, else the validator's message. */
async function kubernetesErrors(object: Record<string, unknown>): Promise<string | null> {
  const Model = await modelOf(String(object.apiVersion), String(object.kind));
  try {
    new Model(object).validate();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const KUBERNETES_FILES = [
  ...readdirSync(root("deploy/kubernetes")).map((f) => `deploy/kubernetes/${f}`),
  "deploy/prow/kep-tracker-plugin.yaml",
];

// Strict, but a `required` inside oneOf may name a property declared beside it (the schedule's one-of).
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
const schema = (name: string) => ajv.compile(JSON.parse(read(`test/deploy/schemas/${name}.schema.json`)));
const validPeriodics = schema("prow-periodics");
const validPlugins = schema("prow-plugins");
const ajvErrors = (validate: { errors?: unknown }) => JSON.stringify(validate.errors, null, 1);

describe("the Kubernetes manifests, against Kubernetes' schemas", () => {
  it.each(KUBERNETES_FILES)("%s: every object is valid", async (path) => {
    for (const object of docs(path)) expect(await kubernetesErrors(object), `${path}: ${object.kind}`).toBeNull();
  });

  it("the validator refuses what Kubernetes would (a port by name where a number is needed, an unknown pull policy)", async () => {
    const [deployment] = docs("deploy/prow/kep-tracker-plugin.yaml");
    const broken = structuredClone(deployment!) as { spec: { template: { spec: { containers: Array<Record<string, unknown>> } } } };
    broken.spec.template.spec.containers[0]!.ports = [{ containerPort: "http" }];
    broken.spec.template.spec.containers[0]!.imagePullPolicy = "Sometimes";
    expect(await kubernetesErrors(broken)).toMatch(/containerPort must be integer.*|imagePullPolicy/);
  });
});

const periodics = parse(read("deploy/prow/kep-tracker-periodics.yaml")) as {
  periodics: Array<{
    name: string;
    cluster: string;
    decorate: boolean;
    spec: {
      containers: Array<{
        command: string[];
        args: string[];
        env: Array<{ name: string; value?: string; valueFrom?: unknown }>;
        resources: { requests: Record<string, string>; limits: Record<string, string> };
        volumeMounts: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
      }>;
      volumes: Array<{ name: string; secret?: { secretName: string } }>;
    };
  }>;
};

describe("deploy/prow/kep-tracker-periodics.yaml, as a trusted Prow periodic", () => {
  it("is valid against Prow's job config types, and each pod spec against Kubernetes' PodSpec", () => {
    expect(validPeriodics(periodics), ajvErrors(validPeriodics)).toBe(true);
    // A job's single container may go unnamed: Prow names it "test" before the pod is made.
    const asPod = (spec: (typeof periodics.periodics)[number]["spec"]) => ({
      ...spec,
      containers: spec.containers.map((c) => ({ name: "test", ...c })),
    });
    for (const job of periodics.periodics)
      expect(() => new PodSpec(asPod(job.spec) as ConstructorParameters<typeof PodSpec>[0]).validate(), job.name).not.toThrow();
  });

  it("the validator refuses what Prow would (an unknown field, two schedules, a bad name)", () => {
    const job = periodics.periodics[0]!;
    for (const broken of [
      { ...job, decorated: true },
      { ...job, interval: "3h" },
      { ...job, name: "kep tracker" },
    ])
      expect(validPeriodics({ periodics: [broken] })).toBe(false);
  });

  it.each(periodics.periodics.map((j) => [j.name, j] as const))(
    "%s: runs decorated in the trusted cluster, the token Secret mounted as a file, with resource requests and limits",
    (_, job) => {
      expect(job).toMatchObject({ cluster: "k8s-infra-prow-build-trusted", decorate: true });
      const [container] = job.spec.containers;
      expect(job.spec.containers).toHaveLength(1);
      const tokenPath = container!.env.find((e) => e.name === "GITHUB_TOKEN_PATH")!.value!;
      const mount = container!.volumeMounts.find((m) => tokenPath.startsWith(`${m.mountPath}/`))!;
      expect(mount.readOnly).toBe(true);
      expect(job.spec.volumes.find((v) => v.name === mount.name)?.secret?.secretName).toBe("k8s-release-enhancements-triage-github-token");
      // The token is never an environment variable: a file the process reads.
      expect(container!.env.filter((e) => e.name === "GITHUB_TOKEN" || e.valueFrom)).toEqual([]);
      expect(Object.keys(container!.resources.requests).sort()).toEqual(["cpu", "memory"]);
      expect(container!.resources.limits).toEqual(container!.resources.requests);
    },
  );

  it("sweeps kubernetes/enhancements, and writes the report as Markdown into the run's artifacts", () => {
    const [sweep, report] = periodics.periodics.map((j) => j.spec.containers[0]!);
    expect([...sweep!.command, ...sweep!.args].join(" ")).toMatch(/^kep-tracker sweep --repo kubernetes\/enhancements/);
    expect(report!.args.join(" ")).toMatch(
      /^kep-tracker report --repo kubernetes\/enhancements --format md > "\$\{ARTIFACTS\}\/[\w.-]+\.md"$/,
    );
  });
});

describe("deploy/prow: the plugin's Deployment, Service and plugins.yaml entry", () => {
  const [deployment, service] = docs("deploy/prow/kep-tracker-plugin.yaml") as Array<{
    metadata: { name: string };
    spec: Record<string, unknown> & {
      ports?: Array<{ port: number; targetPort: number }>;
      template?: { spec: { containers: Array<{ args: string[]; livenessProbe: unknown; readinessProbe: unknown; ports: unknown[] }> } };
    };
  }>;
  const plugins = parse(read("deploy/prow/plugins.yaml")) as {
    external_plugins: Record<string, Array<{ name: string; endpoint: string; events: string[] }>>;
  };
  const container = deployment!.spec.template!.spec.containers[0]!;

  it("has a plugins.yaml entry valid against Prow's plugin config types, forwarding every event kep-tracker acts on", () => {
    expect(validPlugins(plugins), ajvErrors(validPlugins)).toBe(true);
    const [entry] = plugins.external_plugins["kubernetes/enhancements"]!;
    expect(entry!.events).toEqual([...PLUGIN_EVENTS]);
    expect(entry!.endpoint).toBe(`http://${service!.metadata.name}`);
  });

  it("serves the Service's port with the flags Prow's plugins take, probed on the server's routes", () => {
    const flag = (name: string) => container.args.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.split("=")[1]);
    expect(container.args[0]).toBe("plugin");
    expect(flag("port")).toEqual([String(service!.spec.ports![0]!.targetPort)]);
    expect(flag("github-endpoint")[0]).toBe("http://ghproxy");
    expect(flag("dry-run")).toEqual(["false"]);
    expect(flag("hmac-secret-file")).toEqual(["/etc/webhook/hmac"]);
    expect(container.livenessProbe).toMatchObject({ httpGet: { path: LIVENESS_PATH } });
    expect(container.readinessProbe).toMatchObject({ httpGet: { path: READINESS_PATH } });
  });

  it("docs/operating.md's restricted_labels is valid Prow config and names the teams kep-tracker's config lets /track", () => {
    const block = /```yaml\n(label:\n[\s\S]*?)```/.exec(read("docs/operating.md"))![1]!;
    const config = parse(block) as { label: { restricted_labels: Record<string, Array<{ label: string; allowed_teams?: string[] }>> } };
    expect(validPlugins(config), ajvErrors(validPlugins)).toBe(true);
    const trackers = ConfigFileSchema.parse({ release: "v1.38" }).teams.trackers;
    const rules = config.label.restricted_labels["kubernetes/enhancements"]!;
    for (const label of ["tracked/yes", "tracked/no", "tracked/out-of-tree"])
      expect(rules.find((r) => r.label === label)?.allowed_teams, label).toEqual(trackers);
  });
});

describe("the image and the GitHub Actions workflow", () => {
  const dockerfile = read("deploy/Dockerfile");

  it("builds on Node 22 or 24 LTS, every base image pinned by digest", () => {
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]!);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const image of froms) expect(image).toMatch(/^node:(22|24)[\w.-]*@sha256:[0-9a-f]{64}$/);
  });

  it("has the three entry points: the App's server by default, `kep-tracker plugin` and the CLI on the PATH", () => {
    expect(/^CMD (.*)$/m.exec(dockerfile)![1]).toBe('["node", "dist/src/server/main.js"]');
    expect(dockerfile).toMatch(/^RUN ln -s \/app\/bin\/kep-tracker\.js \/usr\/local\/bin\/kep-tracker$/m);
    expect(read("bin/kep-tracker.js")).toMatch(/"plugin"[\s\S]*dist\/src\/server\/prow\/main\.js/);
  });

  it("pins every action to a commit and asks for read access to contents only", () => {
    const workflow = read("deploy/github-actions/kep-tracker-sweep.yml");
    const uses = [...workflow.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, action, comment] of uses) {
      expect(action).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(comment, `${action}: the tag it was read from`).toMatch(/# v\d+(\.\d+)*$/);
    }
    const parsed = parse(workflow) as { permissions: unknown; jobs: Record<string, { permissions?: unknown }> };
    expect(parsed.permissions).toEqual({ contents: "read" });
    for (const job of Object.values(parsed.jobs)) expect(job.permissions).toBeUndefined();
  });
});
