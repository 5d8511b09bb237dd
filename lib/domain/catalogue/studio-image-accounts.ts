/**
 * The AWS account that publishes SageMaker's own Studio images (SageMaker Distribution, the base Python image) in each
 * region: an image ARN `arn:<partition>:sagemaker:<region>:<account>:image/<name>` names it. Policies that admit
 * SageMaker's images name this account, never `*` (an image of that name in any other account would match).
 * Source: the SageMaker Python SDK's registry table for the Studio base image (`src/sagemaker/image_uri_config/
 * sagemaker-base-python.json`, aws/sagemaker-python-sdk), the same accounts AWS's Studio image ARN table lists.
 * A region missing here has no account this tool knows: a Studio project there is refused (app/config/studio.ts).
 */
export const STUDIO_IMAGE_ACCOUNTS: Readonly<Record<string, string>> = {
  "af-south-1": "559312083959",
  "ap-east-1": "493642496378",
  "ap-northeast-1": "102112518831",
  "ap-northeast-2": "806072073708",
  "ap-northeast-3": "792733760839",
  "ap-south-1": "394103062818",
  "ap-southeast-1": "492261229750",
  "ap-southeast-2": "452832661640",
  "ap-southeast-3": "276181064229",
  "ca-central-1": "310906938811",
  "cn-north-1": "390048526115",
  "cn-northwest-1": "390780980154",
  "eu-central-1": "936697816551",
  "eu-north-1": "243637512696",
  "eu-south-1": "592751261982",
  "eu-south-2": "127363102723",
  "eu-west-1": "470317259841",
  "eu-west-2": "712779665605",
  "eu-west-3": "615547856133",
  "il-central-1": "380164790875",
  "me-central-1": "103105715889",
  "me-south-1": "117516905037",
  "sa-east-1": "782484402741",
  "us-east-1": "081325390199",
  "us-east-2": "429704687514",
  "us-gov-east-1": "107072934176",
  "us-gov-west-1": "107173498710",
  "us-west-1": "742091327244",
  "us-west-2": "236514542706",
};

/** The account of SageMaker's Studio images in a region, or undefined when this tool does not know it. */
export function studioImageAccount(region: string): string | undefined {
  return Object.hasOwn(STUDIO_IMAGE_ACCOUNTS, region) ? STUDIO_IMAGE_ACCOUNTS[region] : undefined;
}
