/**
 * The S3 bucket in which CodeArtifact keeps package assets, per region (AWS CodeArtifact user guide, "Create the
 * Amazon S3 gateway endpoint", table "Minimum Amazon S3 bucket permissions"). pip does not need it (AWS: "an
 * Amazon S3 endpoint is not needed when using Python"), other formats do; the S3 endpoint admits it when the mirror
 * is on. Regions missing here get no entry: add the row from that table when you need a non-Python format there.
 */
export const CODEARTIFACT_ASSET_BUCKETS: Readonly<Record<string, string>> = {
  "us-east-1": "assets-193858265520-us-east-1",
  "us-east-2": "assets-250872398865-us-east-2",
  "us-west-2": "assets-787052242323-us-west-2",
  "eu-west-1": "assets-438097961670-eu-west-1",
  "eu-west-2": "assets-247805302724-eu-west-2",
  "eu-west-3": "assets-762466490029-eu-west-3",
  "eu-north-1": "assets-611884512288-eu-north-1",
  "eu-south-1": "assets-484130244270-eu-south-1",
  "eu-central-1": "assets-769407342218-eu-central-1",
  "ap-northeast-1": "assets-660291247815-ap-northeast-1",
};
