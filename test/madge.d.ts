/** The part of madge's API the architecture test uses. */
declare module 'madge' {
  interface MadgeResult {
    circular(): string[][];
  }
  export default function madge(
    path: string,
    config?: { fileExtensions?: string[]; tsConfig?: string },
  ): Promise<MadgeResult>;
}
