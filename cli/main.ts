export async function main(argv: string[]): Promise<number> {
  console.log('tributary', argv.join(' '));
  return 0;
}
