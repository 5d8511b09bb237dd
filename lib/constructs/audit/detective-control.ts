import { Construct } from "constructs";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { EncryptionKey } from "../encryption/encryption-key";
import { arn, ArnScope, policy, policyJson } from "../../domain/policy/document";
import { NON_COMPLIANT_SAGEMAKER_CREATES, NonCompliantCreate, nonCompliantSageMakerCreatePattern } from "./sagemaker-create-checks";

export interface AlertSubscriptionProps {
  /** SNS protocol: email, email-json, https, sqs or lambda. */
  readonly protocol: string;
  readonly endpoint: string;
}

export interface DetectiveControlProps {
  readonly scope: ArnScope;
  /** Label of the key's description and the topic's display name, e.g. "sds-dev". */
  readonly name: string;
  /** The SNS topic, e.g. "sds-dev-security-alerts". */
  readonly topicName: string;
  /** The EventBridge rule, e.g. "sds-dev-sagemaker-noncompliant-create". */
  readonly ruleName: string;
  /** Alias of the topic's key, without `alias/`, e.g. "sds/dev/alerts". */
  readonly keyAlias: string;
  /** Administrators of the topic's key (deploy and break-glass roles). @default the account root */
  readonly keyAdministratorArns?: readonly string[];
  /** Read-only principals of `terraform plan`: they read the key's configuration. @default none */
  readonly keyPlanPrincipalArns?: readonly string[];
  /** Who is told. @default none (the topic still exists; subscribe later) */
  readonly subscriptions?: readonly AlertSubscriptionProps[];
  /** The checks the rule matches. @default NON_COMPLIANT_SAGEMAKER_CREATES */
  readonly checks?: readonly NonCompliantCreate[];
  /** Service principal domain of the partition. @default "amazonaws.com" */
  readonly dnsSuffix?: string;
  /**
   * CloudWatch alarms of this account whose names match `alarm:<pattern>` (e.g. "sds-dev-cis-*") may publish to the
   * topic too (and use its key for it). @default none (only the EventBridge rule publishes)
   */
  readonly alarmNamePattern?: string;
}

/**
 * A detective control: an EventBridge rule on CloudTrail-recorded SageMaker create calls that arrive without VPC
 * configuration or with direct internet or root access, publishing to an SNS topic encrypted with its own key.
 * Only that rule may publish (topic policy), and EventBridge may use the key only for that topic.
 */
export class DetectiveControl extends Construct {
  readonly topicArn: string;
  readonly ruleArn: string;
  readonly ruleName: string;
  readonly keyArn: string;
  /** The rule's event pattern, as synthesized. */
  readonly eventPattern: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: DetectiveControlProps) {
    super(scope, id);
    const dnsSuffix = props.dnsSuffix ?? "amazonaws.com";
    const { topicName, ruleName } = props;
    // Computed ARNs, so the key and topic policies need no reference to the resources they protect (no cycles).
    const topicArn = arn(props.scope, "sns", topicName);
    const ruleArn = arn(props.scope, "events", `rule/${ruleName}`);

    const alarms = props.alarmNamePattern ? arn(props.scope, "cloudwatch", `alarm:${props.alarmNamePattern}`) : undefined;
    const topicContext = { "kms:EncryptionContext:aws:sns:topicArn": topicArn };
    const key = new EncryptionKey(this, "key", {
      alias: props.keyAlias,
      administratorArns: props.keyAdministratorArns,
      planPrincipalArns: props.keyPlanPrincipalArns,
      description: `${props.name}: SNS topic of the SageMaker detective control`,
      scope: props.scope,
      services: [{
        sid: "EventBridgePublishesToTheAlertTopic",
        service: `events.${dnsSuffix}`,
        actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
        conditions: { StringEquals: topicContext },
      }, ...(alarms ? [{
        sid: "CloudWatchAlarmsPublishToTheAlertTopic",
        service: `cloudwatch.${dnsSuffix}`,
        actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
        conditions: { StringEquals: topicContext },
      }] : [])],
    });
    const topic = new SnsTopic(this, "topic", {
      name: topicName,
      displayName: `${props.name} SageMaker security alerts`,
      kmsMasterKeyId: key.keyArn,
    });
    new SnsTopicPolicy(this, "topic-policy", {
      arn: topic.arn,
      policy: policyJson(policy(
        {
          Sid: "OnlyTheDetectiveControlRulePublishes",
          Effect: "Allow",
          Principal: { Service: `events.${dnsSuffix}` },
          Action: "sns:Publish",
          Resource: topicArn,
          Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
        },
        ...(alarms ? [{
          Sid: "TheEnvironmentsAlarmsPublish",
          Effect: "Allow" as const,
          Principal: { Service: `cloudwatch.${dnsSuffix}` },
          Action: "sns:Publish",
          Resource: topicArn,
          Condition: { ArnLike: { "aws:SourceArn": alarms }, StringEquals: { "aws:SourceAccount": props.scope.accountId } },
        }] : []),
        {
          Sid: "DenyPublishingWithoutTls",
          Effect: "Deny",
          Principal: "*",
          Action: "sns:Publish",
          Resource: topicArn,
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      )),
    });

    this.eventPattern = nonCompliantSageMakerCreatePattern(props.checks ?? NON_COMPLIANT_SAGEMAKER_CREATES);
    const rule = new CloudwatchEventRule(this, "rule", {
      name: ruleName,
      description: "SageMaker create calls (CloudTrail) without VPC configuration, or with direct internet or root access",
      eventPattern: JSON.stringify(this.eventPattern),
      state: "ENABLED",
    });
    new CloudwatchEventTarget(this, "target", {
      rule: rule.name,
      targetId: "security-alerts-topic",
      arn: topic.arn,
      retryPolicy: { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 },
    });
    (props.subscriptions ?? []).forEach((s, i) => {
      new SnsTopicSubscription(this, `subscription-${i}`, { topicArn: topic.arn, protocol: s.protocol, endpoint: s.endpoint });
    });

    this.topicArn = topic.arn;
    this.ruleArn = rule.arn;
    this.ruleName = rule.name;
    this.keyArn = key.keyArn;
  }
}
