ˆ
"serve*2.15.0u
 
serving_default_xPlaceholder

dense/kernelVarHandleOp

dense/MatMulMatMul

saver/RestoreV2	RestoreV2