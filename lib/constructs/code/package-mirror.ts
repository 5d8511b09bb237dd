import { Construct } from "constructs";
import { CodeartifactDomain } from "@cdktf/provider-aws/lib/codeartifact-domain";
import { CodeartifactRepository } from "@cdktf/provider-aws/lib/codeartifact-repository";
import { ArnScope } from "../../domain/policy/document";

export interface PackageMirrorProps {
  readonly scope: ArnScope;
  readonly dnsSuffix: string;
  /** Domain name, e.g. "sds-dev" (2-50 lower-case letters, digits, hyphens). */
  readonly domain: string;
  /** Key of the domain's package assets. */
  readonly kmsKeyArn: string;
  /** Repository name, e.g. "pypi" (the plan's `packageMirror.repository`). */
  readonly repository: string;
}

/** What a pip client needs to find the mirror; all known at synth time (no cross-stack reference needed). */
export interface PipIndex {
  readonly domain: string;
  /** Account that owns the domain (`--domain-owner`). */
  readonly domainOwner: string;
  readonly repository: string;
  readonly region: string;
  /** `https://<domain>-<owner>.d.codeartifact.<region>.<dns>/pypi/<repository>/simple/` (pip's index-url). */
  readonly indexUrl: string;
}

export function pipIndex(scope: ArnScope, dnsSuffix: string, domain: string, repository: string): PipIndex {
  return {
    domain,
    domainOwner: scope.accountId,
    repository,
    region: scope.region,
    indexUrl: `https://${domain}-${scope.accountId}.d.codeartifact.${scope.region}.${dnsSuffix}/pypi/${repository}/simple/`,
  };
}

/**
 * A private PyPI mirror: a CodeArtifact domain encrypted with a customer-managed key and one repository with the
 * public PyPI upstream (`public:pypi`). Packages are fetched from PyPI by CodeArtifact (not by the VPC) and cached
 * in the domain; notebooks install through the codeartifact.* interface endpoints with a token from
 * `codeartifact:GetAuthorizationToken`. Domain and repository policies stay AWS's default (owner account only).
 */
export class PackageMirror extends Construct {
  readonly pip: PipIndex;
  readonly domainArn: string;
  readonly repositoryArn: string;

  constructor(scope: Construct, id: string, props: PackageMirrorProps) {
    super(scope, id);
    const repository = props.repository;
    const domain = new CodeartifactDomain(this, "domain", { domain: props.domain, encryptionKey: props.kmsKeyArn });
    const repo = new CodeartifactRepository(this, "pypi", {
      domain: domain.domain,
      domainOwner: domain.owner,
      repository,
      description: "Mirror of the public Python Package Index for the environment's notebooks and jobs",
      externalConnections: { externalConnectionName: "public:pypi" },
    });
    this.pip = pipIndex(props.scope, props.dnsSuffix, props.domain, repository);
    this.domainArn = domain.arn;
    this.repositoryArn = repo.arn;
  }
}
