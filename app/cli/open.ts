/**
 * `npm run open -- --env dev --project fraud --notebook alice` (or `--studio-user alice`): the data scientist's
 * private path from sign-in to an open notebook (docs/data-scientist.md). Reads the project's access file
 * (`cdktf.out/access/<env>-<project>.json`, written by `npm run synth`: no Terraform state), assumes the project's
 * data scientist role with the session tag `username` (or uses the profile's session as is: `--no-assume`), starts the
 * notebook if it is stopped, waits until it is InService with a progress line per poll, asks for the presigned URL
 * through the environment's `sagemaker.api` endpoint, and prints the URL on stdout (progress goes to stderr).
 *
 * The SageMaker API is called at its regional name (`api.sagemaker.<region>.amazonaws.com`), which the client
 * network's DNS resolves to the interface endpoint (private DNS; network.clientAccess.dnsResolver); `--endpoint-url`
 * names the endpoint-specific DNS name instead. `AWS_ENDPOINT_URL*` and `AWS_PROFILE` are honoured as by the AWS SDK.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import {
  CreatePresignedDomainUrlCommand, CreatePresignedNotebookInstanceUrlCommand, DescribeNotebookInstanceCommand, ListDomainsCommand, SageMakerClient,
  StartNotebookInstanceCommand,
} from "@aws-sdk/client-sagemaker";
import { ACCESS_FILE_VERSION, AccessFile, accessFilePath } from "../plan/access";
import { OWNER_TAG } from "../../lib/constructs/identity/project-scope";
import { parseCommandLine, UsageError } from "./args";

export const USAGE = "npm run open -- --env ENV --project PROJECT (--notebook NAME | --studio-user USERNAME) [--username NAME] [--profile PROFILE] [--no-assume] "
  + "[--endpoint-url URL] [--access-file FILE] [--out DIR] [--wait-minutes N] [--poll-seconds N]";

/** A failure the data scientist can act on: what happened, what it means, what to do (docs/data-scientist.md#<anchor>). */
export class OpenError extends Error {
  constructor(message: string, readonly anchor: string) {
    super(`${message}\n  (docs/data-scientist.md#${anchor})`);
  }
}

export interface OpenIo {
  readonly progress: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

interface Options {
  readonly env: string;
  readonly project: string;
  readonly notebook?: string;
  readonly studioUser?: string;
  readonly username?: string;
  readonly profile?: string;
  readonly assume: boolean;
  readonly endpointUrl?: string;
  readonly accessFile: string;
  readonly waitMinutes: number;
  readonly pollSeconds: number;
}

function readOptions(argv: readonly string[]): Options {
  const s = { type: "string" } as const;
  const { values: v } = parseCommandLine(argv, {
    env: s, project: s, notebook: s, "studio-user": s, username: s, profile: s, "no-assume": { type: "boolean" }, "endpoint-url": s,
    "access-file": s, out: s, "wait-minutes": s, "poll-seconds": s,
  });
  if (!v.env || !v.project) throw new UsageError("--env and --project are required");
  if ((v.notebook === undefined) === (v["studio-user"] === undefined)) throw new UsageError("name exactly one of --notebook and --studio-user");
  const number = (name: string, value: string | undefined, fallback: number, min: number, max: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}`);
    return n;
  };
  if (v["endpoint-url"] !== undefined && !/^https?:\/\/[^\s/]+\/?$/.test(v["endpoint-url"])) {
    throw new UsageError("--endpoint-url must be a URL such as https://vpce-0123456789abcdef0-abcdefgh.api.sagemaker.eu-west-1.vpce.amazonaws.com");
  }
  return {
    env: v.env, project: v.project, notebook: v.notebook, studioUser: v["studio-user"], username: v.username, profile: v.profile,
    assume: !v["no-assume"], endpointUrl: v["endpoint-url"],
    accessFile: v["access-file"] ?? join(v.out ?? "cdktf.out", accessFilePath(v.env, v.project)),
    waitMinutes: number("wait-minutes", v["wait-minutes"], 15, 1, 60), pollSeconds: number("poll-seconds", v["poll-seconds"], 15, 0, 300),
  };
}

/** Reads and checks the project's access file. */
export function readAccessFile(path: string, env: string, project: string): AccessFile {
  if (!existsSync(path)) {
    throw new OpenError(`no access file ${path}: run \`npm run synth -- --config <your environments file>\` (no AWS credentials needed), `
      + "or ask your platform team for it and pass --access-file FILE", "the-access-file");
  }
  let file: AccessFile;
  try {
    file = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new OpenError(`${path} is not JSON (${(e as Error).message}); synthesize again to rewrite it`, "the-access-file");
  }
  if (file.version !== ACCESS_FILE_VERSION || file.environment !== env || file.project !== project) {
    throw new OpenError(`${path} is not the version ${ACCESS_FILE_VERSION} access file of ${env}/${project}; synthesize again to rewrite it`, "the-access-file");
  }
  return file;
}

const NETWORK_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET"]);

/** Turns an SDK error of `step` into a message the data scientist can act on. */
export function explain(e: unknown, step: string, access: AccessFile, endpoint: string): OpenError {
  const err = e as Error & { code?: string; name: string; $metadata?: unknown; cause?: { code?: string } };
  const message = err.message ?? String(e);
  // The SDK wraps socket errors ("AWS SDK error wrapper for Error: connect ECONNREFUSED ..."): the code may be in the text only.
  const code = err.code ?? err.cause?.code ?? [...NETWORK_CODES].find((c) => message.includes(c));
  if ((code && NETWORK_CODES.has(code)) || err.name === "TimeoutError" || /getaddrinfo|socket hang up|connect ETIMEDOUT/.test(message)) {
    return new OpenError(`${step}: cannot reach ${endpoint} (${code ?? err.name}). You are not on the client network (VPN or Direct Connect), or its DNS does not `
      + `resolve ${access.privateDnsNames.sagemakerApi} to the environment's endpoint; connect, or pass --endpoint-url with the endpoint-specific DNS name`, "not-on-the-client-network");
  }
  if (/AccessDenied/.test(err.name) || /not authorized/.test(message)) {
    if (step === "assume role") {
      return new OpenError(`${step}: ${access.dataScientistRoleArn} refused your session (${message}). Either your sign-in role is not listed in the project's `
        + "identity.dataScientistPrincipals, or your session carries no `username` tag, or --username is not exactly your own user name", "no-tag");
    }
    if (/explicit deny/.test(message)) {
      return new OpenError(`${step}: refused outside the network (${message}). The request did not come through the environment's sagemaker.api endpoint: `
        + `connect to the client network and check that ${access.privateDnsNames.sagemakerApi} resolves to a private address, or pass --endpoint-url`, "not-on-the-client-network");
    }
    return new OpenError(`${step}: not allowed (${message}). The notebook or profile is not tagged with your \`username\` (someone else's), or your session has no `
      + "`username` tag (--no-assume with a session that was not tagged)", "someone-elses-notebook");
  }
  if (/RecordNotFound|ResourceNotFound|does not exist/.test(message)) {
    return new OpenError(`${step}: not found (${message}); the project stack may not be applied yet, or the name is wrong`, "not-found");
  }
  return new OpenError(`${step}: ${err.name}: ${message}`, "other-errors");
}

const duration = (ms: number) => { const s = Math.round(ms / 1000); return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`; };
const sessionName = (name: string) => name.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);

/** The user name the caller's session stands for: the session name of an assumed role (Identity Center: the user name), or the IAM user's name. */
export function callerUsername(callerArn: string): string | undefined {
  return /:assumed-role\/[^/]+\/(.+)$/.exec(callerArn)?.[1] ?? /:user\/(?:.*\/)?([^/]+)$/.exec(callerArn)?.[1];
}

/** Runs the command; resolves to the URL. Throws OpenError or UsageError. */
export async function openUrl(argv: readonly string[], io: OpenIo): Promise<string> {
  const o = readOptions(argv);
  const access = readAccessFile(o.accessFile, o.env, o.project);
  const notebook = o.notebook === undefined ? undefined : access.notebooks.find((n) => n.name === o.notebook || n.instanceName === o.notebook);
  if (o.notebook !== undefined && !notebook) {
    throw new OpenError(`${o.env}/${o.project} has no notebook "${o.notebook}"; its notebooks: ${access.notebooks.map((n) => n.name).join(", ") || "none"}`, "not-found");
  }
  if (o.studioUser !== undefined && !access.studio?.userProfiles.includes(o.studioUser)) {
    throw new OpenError(`${o.env}/${o.project} has no Studio user profile "${o.studioUser}"; its profiles: ${access.studio?.userProfiles.join(", ") || "none (no Studio domain)"}`, "not-found");
  }
  const base = { region: access.region, ...(o.profile && { profile: o.profile }) };
  const endpoint = o.endpointUrl ?? io.env.AWS_ENDPOINT_URL_SAGEMAKER ?? io.env.AWS_ENDPOINT_URL ?? `https://${access.privateDnsNames.sagemakerApi}`;
  const sts = new STSClient(base);
  let who: string | undefined;
  try {
    who = (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } catch (e) {
    throw new OpenError(`sign-in: no usable AWS credentials (${(e as Error).message}); run \`aws sso login --profile <your profile>\` and pass --profile, or set AWS_PROFILE`, "sign-in");
  }
  const username = o.username ?? callerUsername(who ?? "");
  if (!username) throw new OpenError(`cannot tell your user name from ${who}; pass --username (the value of your \`${OWNER_TAG}\` tag)`, "no-tag");
  io.progress(`signed in as ${who} (username ${username})`);
  const owned = notebook?.owner ?? o.studioUser;
  if (owned !== undefined && owned !== username) {
    throw new OpenError(`${notebook ? `notebook ${notebook.instanceName}` : `Studio profile ${o.studioUser}`} belongs to ${owned}, you are ${username}: `
      + "only its owner may start and open it (someone else's notebook)", "someone-elses-notebook");
  }
  let credentials;
  if (o.assume) {
    try {
      const r = await sts.send(new AssumeRoleCommand({
        RoleArn: access.dataScientistRoleArn, RoleSessionName: sessionName(username), Tags: [{ Key: OWNER_TAG, Value: username }],
      }));
      const c = r.Credentials!;
      credentials = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!, expiration: c.Expiration };
    } catch (e) {
      throw explain(e, "assume role", access, endpoint);
    }
    io.progress(`assumed ${access.dataScientistRoleArn} with ${OWNER_TAG}=${username}`);
  }
  const sagemaker = new SageMakerClient({ ...base, ...(credentials && { credentials }), ...(o.endpointUrl && { endpoint: o.endpointUrl }), maxAttempts: 2,
    requestHandler: { connectionTimeout: 5000, requestTimeout: 30000 } });
  const call = async <T>(step: string, f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      throw explain(e, step, access, endpoint);
    }
  };
  io.progress(`SageMaker API: ${endpoint}`);

  if (o.studioUser !== undefined) {
    const domains = await call("list Studio domains", () => sagemaker.send(new ListDomainsCommand({})));
    const domain = domains.Domains?.find((d) => d.DomainName === access.studio!.domainName);
    if (!domain?.DomainId) throw new OpenError(`Studio domain ${access.studio!.domainName} not found in ${access.region}; the project stack may not be applied yet`, "not-found");
    const url = await call("create presigned Studio URL", () => sagemaker.send(new CreatePresignedDomainUrlCommand({ DomainId: domain.DomainId, UserProfileName: o.studioUser })));
    return url.AuthorizedUrl!;
  }

  const name = notebook!.instanceName;
  const started = io.now();
  let startedIt = false;
  let polls = 0;
  for (;;) {
    const nb = await call("describe notebook", () => sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name })));
    const status = nb.NotebookInstanceStatus ?? "unknown";
    // The first line has no duration: it is the state found, not waited for.
    io.progress(`${name}: ${status}${polls++ > 0 ? ` (${duration(io.now() - started)})` : ""}`);
    if (status === "InService") break;
    if (status === "Failed") {
      throw new OpenError(`${name} failed: ${nb.FailureReason ?? "no reason given"}. Ask your platform team to fix or recreate it (it is created by the pipeline, not by you)`, "notebook-failed");
    }
    if (status === "Deleting") throw new OpenError(`${name} is being deleted`, "not-found");
    if (status === "Stopped" && !startedIt) {
      await call("start notebook", () => sagemaker.send(new StartNotebookInstanceCommand({ NotebookInstanceName: name })));
      startedIt = true;
      io.progress(`${name}: starting (usually 3 to 5 minutes)`);
    }
    if (io.now() - started > o.waitMinutes * 60_000) {
      throw new OpenError(`${name} is still ${status} after ${o.waitMinutes} min; try again later, or raise --wait-minutes`, "notebook-failed");
    }
    await io.sleep(o.pollSeconds * 1000);
  }
  const url = await call("create presigned notebook URL", () => sagemaker.send(new CreatePresignedNotebookInstanceUrlCommand({ NotebookInstanceName: name })));
  return url.AuthorizedUrl!;
}

/** The command: the URL on stdout, progress and errors on stderr; 0, 1 (refused / failed) or 2 (usage). */
export async function openCommand(argv: readonly string[], io: OpenIo = {
  progress: (l) => process.stderr.write(`open: ${l}\n`), env: process.env, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), now: Date.now,
}): Promise<number> {
  try {
    const url = await openUrl(argv, io);
    process.stdout.write(`${url}\n`);
    io.progress("open this URL in a browser on the client network within 5 minutes");
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`error: ${e.message}\n`);
      process.stderr.write(`usage: ${USAGE}\n`);
      return e.message ? 2 : 0;
    }
    process.stderr.write(`error: ${e instanceof OpenError ? e.message : process.env.SDS_DEBUG ? ((e as Error).stack ?? e) : (e as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) void openCommand(process.argv.slice(2)).then((code) => { process.exitCode = code; });
