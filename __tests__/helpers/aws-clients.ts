/** AWS SDK v3 clients pointed at the emulator, to check what Terraform really created. */
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { EC2Client } from "@aws-sdk/client-ec2";
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";

export function clients(endpoint: string, region: string) {
  const common = { endpoint, region, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
  return {
    ec2: new EC2Client(common),
    logs: new CloudWatchLogsClient(common),
    kms: new KMSClient(common),
    s3: new S3Client({ ...common, forcePathStyle: true }),
  };
}
