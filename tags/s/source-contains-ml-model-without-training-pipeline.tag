Tag: source-contains-ml-model-without-training-pipeline
Severity: warning
Check: provenance
Explanation: The source ships a trained model, but its training program was
 not found: at most a description of it (pipeline level P0 or P1). Training
 code is recognised by parsing (training loops, <code>fit</code> calls,
 trainer programs such as <code>opencv_traincascade</code>,
 <code>tesstrain</code> or <code>lmplz</code> run from build files), not by
 file names.
 .
 ML-Policy asks that a package with a model "include the corresponding
 training program, or depend on the package that provides" it. For a model
 under the GPL-3, Corresponding Source includes "the scripts to control"
 generating the work, which for weights means the training and export code.
 .
 Ship the training and export scripts (or build-depend on the package that has
 them), or record them in <code>debian/ml-models</code>
 (<code>Training-Code: path-or-url@commit license</code>).
 .
 Override when the model was made by hand or by a tool that is itself the
 packaged program; explain that in the override comment.
See-Also:
 https://salsa.debian.org/deeplearning-team/ml-policy/-/blob/master/ML-Policy.rst,
 https://www.gnu.org/licenses/gpl-3.0.html
