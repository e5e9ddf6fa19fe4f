import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCheckout } from "../../src/cli/checkout.js";
import { parsePrrFile } from "../../src/kep/prr-file.js";
import { OFFLINE_UPCOMING_MINOR } from "../../src/kep/sig-node/approvers.js";
import { readTechLeads } from "../../src/kep/sig-node/files.js";
import { auditCheckout } from "../../src/kep/validate.js";
import { approvers, sigs } from "../helpers/checkout.js";
import { ENHANCEMENTS } from "../helpers/fixtures.js";

// The real kubernetes/enhancements metadata: every file passes upstream CI,
// so any error here is a bug in kep-tracker.
const checkout = readCheckout(ENHANCEMENTS);
const techLeads = readTechLeads(readFileSync(`${ENHANCEMENTS}/OWNERS_ALIASES`, "utf8"));
const nodeApprovers = (upcomingMinor: number) => ({ techLeads, upcomingMinor, aliasesPath: "OWNERS_ALIASES" });
// As `audit` runs without --release: upstream's offline fallback for the upcoming release.
const result = auditCheckout(checkout.paths, {
  approvers,
  sigs,
  read: checkout.read,
  nodeApprovers: nodeApprovers(OFFLINE_UPCOMING_MINOR),
});
const all = [...result.keps.map((k) => k.report), ...result.directories].flatMap((r) => r.findings);

describe("the fixture corpus (kubernetes/enhancements at 64765b4b)", () => {
  it("finds all 656 kep.yaml files, nested and provider ones included", () => {
    expect(result.summary.keps).toBe(656);
    expect(result.keps.filter((k) => k.report.path.split("/").length === 5)).toHaveLength(37);
    expect(result.keps.filter((k) => k.report.path.startsWith("keps/provider-aws/"))).toHaveLength(6);
    expect(result.directories).toEqual([]);
  });

  it("reports zero errors, as upstream CI does", () => {
    expect(all.filter((f) => f.severity === "error")).toEqual([]);
    expect(result.summary.errors).toBe(0);
  });

  it("passes SIG Node's approver check for the release that was upcoming (v1.37), as upstream CI did", () => {
    const audit = auditCheckout(checkout.paths, { approvers, sigs, read: checkout.read, nodeApprovers: nodeApprovers(37) });
    expect(audit.summary.errors).toBe(0);
  });

  it("would fail the two alpha v1.37 KEPs that mark an approver, had v1.36 been the upcoming release", () => {
    const audit = auditCheckout(checkout.paths, { approvers, sigs, read: checkout.read, nodeApprovers: nodeApprovers(36) });
    const errors = audit.keps.flatMap((k) => k.report.findings).filter((f) => f.severity === "error");
    expect(errors.map((f) => `${f.rule} ${f.path}:${f.line}`)).toEqual([
      "sig-node-alpha-marker keps/sig-node/5607-hostnetwork-userns/kep.yaml:16",
      "sig-node-alpha-marker keps/sig-node/5825-cri-pagination/kep.yaml:15",
    ]);
    expect(errors[0]!.message).toMatch(
      /^assigned approver "haircommander" alpha-stage KEP must not use # sig-node-assigned-approver marker \(upstream's verify-node-approvers\.sh\): remove/,
    );
  });

  it("reads every one of the 450 PRR approval files without a finding", () => {
    const prrFiles = checkout.paths.filter((p) => p.startsWith("keps/prod-readiness/") && p.endsWith(".yaml"));
    expect(prrFiles).toHaveLength(451);
    const real = prrFiles.filter((p) => p !== "keps/prod-readiness/template/nnnn.yaml");
    const findings = real.flatMap((p) => parsePrrFile(p, checkout.read(p)!, null).findings);
    expect(findings).toEqual([]);
  });

  it("reads the stage and PRR approver of a real beta KEP", () => {
    const kep = result.keps.find((k) => k.report.number === "753")!;
    expect(kep.report).toMatchObject({ stage: "stable", owningSig: "sig-node", status: "implemented" });
    expect(Object.keys(kep.prr!.stages)).toContain("stable");
  });

  // Checked by hand against the files: misspelt or retired statuses, template
  // placeholders, and SIG names that are not in sigs.yaml.
  it("reports exactly these warnings", () => {
    expect(all.map((f) => `${f.rule} ${f.path}:${f.line}`).sort()).toEqual([
      "implemented-not-stable keps/sig-cli/1802-kustomize-components/kep.yaml:19",
      "implemented-not-stable keps/sig-cli/2383-extend-kustomize-patches-to-multiple-targets/kep.yaml:18",
      "implemented-not-stable keps/sig-cli/3515-kubectl-explain-openapiv3/kep.yaml:18",
      "implemented-not-stable keps/sig-cli/993-kustomize-generators-transformers/kep.yaml:18",
      "implemented-not-stable keps/sig-cluster-lifecycle/kubeadm/2501-kubeadm-phases-to-beta/kep.yaml:22",
      "implemented-not-stable keps/sig-network/4004-deprecate-kube-proxy-version/kep.yaml:20",
      "owning-sig-unknown keps/NNNN-kep-template/kep.yaml:5",
      "participating-sig-unknown keps/NNNN-kep-template/kep.yaml:7",
      "participating-sig-unknown keps/NNNN-kep-template/kep.yaml:8",
      "participating-sig-unknown keps/sig-api-machinery/1040-priority-and-fairness/kep.yaml:10",
      "participating-sig-unknown keps/sig-api-machinery/2333-legacyflags-kflag/kep.yaml:9",
      "participating-sig-unknown keps/sig-apps/706-portable-service-definitions/kep.yaml:7",
      "participating-sig-unknown keps/sig-architecture/4330-compatibility-versions/kep.yaml:12",
      "participating-sig-unknown keps/sig-cli/2229-kubectl-xdg-base-dir/kep.yaml:8",
      "participating-sig-unknown keps/sig-cli/2381-future-of-kubectl-cp/kep.yaml:7",
      "participating-sig-unknown keps/sig-cli/2590-kubectl-subresource/kep.yaml:8",
      "participating-sig-unknown keps/sig-cloud-provider/providers/0000-cloud-provider-template/kep.yaml:7",
      "participating-sig-unknown keps/sig-cloud-provider/providers/0000-cloud-provider-template/kep.yaml:8",
      "participating-sig-unknown keps/sig-instrumentation/2845-deprecate-klog-specific-flags-in-k8s-components/kep.yaml:7",
      "participating-sig-unknown keps/sig-network/784-kube-proxy-component-config/kep.yaml:10",
      "participating-sig-unknown keps/sig-node/2008-forensic-container-checkpointing/kep.yaml:7",
      "participating-sig-unknown keps/sig-node/3288-separate-stdout-from-stderr/kep.yaml:8",
      "participating-sig-unknown keps/sig-node/4216-image-pull-per-runtime-class/kep.yaml:8",
      "participating-sig-unknown keps/sig-node/4438-container-restart-termination/kep.yaml:8",
      "participating-sig-unknown keps/sig-node/5532-restart-all-containers-on-container-exits/kep.yaml:8",
      "participating-sig-unknown keps/sig-node/753-sidecar-containers/kep.yaml:10",
      "participating-sig-unknown keps/sig-release/2853-k-core-branch-rename/kep.yaml:11",
      "participating-sig-unknown keps/sig-scheduling/3521-pod-scheduling-readiness/kep.yaml:7",
      "stage-invalid keps/NNNN-kep-template/kep.yaml:27",
      "stage-invalid keps/sig-api-machinery/5000-api-linting-crd-schema-tooling/kep.yaml:19",
      "stage-invalid keps/sig-instrumentation/1753-logs-sanitization/kep.yaml:12",
      "status-invalid keps/NNNN-kep-template/kep.yaml:9",
      "status-invalid keps/sig-api-machinery/4153-declarative-validation/kep.yaml:7",
      "status-invalid keps/sig-api-machinery/5000-api-linting-crd-schema-tooling/kep.yaml:8",
      "status-invalid keps/sig-instrumentation/1753-logs-sanitization/kep.yaml:10",
      "status-invalid keps/sig-node/2625-cpumanager-policies-thread-placement/kep.yaml:8",
      "status-invalid keps/sig-node/281-dynamic-kubelet-configuration/kep.yaml:7",
    ]);
    expect(result.summary.warnings).toBe(37);
  });

  it("keeps the KEP files' numbers as text", () => {
    const byPath = (suffix: string) => result.keps.find((k) => k.report.path.endsWith(suffix))!.report;
    expect(byPath("/0752-endpointslices/kep.yaml").number).toBe("752");
    expect(byPath("/2043-pod-resource-concrete-assigments/kep.yaml").number).toBe("1884");
    expect(result.keps.every((k) => k.report.number === null || typeof k.report.number === "string")).toBe(true);
  });
});
