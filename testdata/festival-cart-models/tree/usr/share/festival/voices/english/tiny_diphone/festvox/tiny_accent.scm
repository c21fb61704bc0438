;;; Centre for Speech Technology Research, University of Edinburgh, UK
;;; Copyright (c) 1996,1997 All Rights Reserved.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.
;;; Permission is hereby granted, free of charge, to use and distribute this software and its documentation without restriction.

(set! tiny_accent_cart_tree
'
;; trained with wagon on the tiny corpus
((R:SylStructure.parent.accented is 0)
 ((n.ph_ctype < 2.5)
  ((p.ph_vlng is 2)
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.100000) (H* 0.900000) (L* 0) H*))
      (((NONE 0.200000) (H* 0.800000) (L* 0) H*)))
     ((pos_in_syl < 6.5)
      (((NONE 0.300000) (H* 0.700000) (L* 0) H*))
      (((NONE 0.400000) (H* 0.600000) (L* 0) H*))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.500000) (H* 0.500000) (L* 0) H*))
      (((NONE 0.600000) (H* 0.400000) (L* 0) NONE)))
     ((pos_in_syl < 6.5)
      (((NONE 0.700000) (H* 0.300000) (L* 0) NONE))
      (((NONE 0.800000) (H* 0.200000) (L* 0) NONE)))))
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.900000) (H* 0.100000) (L* 0) NONE))
      (((NONE 0.100000) (H* 0.900000) (L* 0) H*)))
     ((pos_in_syl < 6.5)
      (((NONE 0.200000) (H* 0.800000) (L* 0) H*))
      (((NONE 0.300000) (H* 0.700000) (L* 0) H*))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.400000) (H* 0.600000) (L* 0) H*))
      (((NONE 0.500000) (H* 0.500000) (L* 0) H*)))
     ((pos_in_syl < 6.5)
      (((NONE 0.600000) (H* 0.400000) (L* 0) NONE))
      (((NONE 0.700000) (H* 0.300000) (L* 0) NONE))))))
  ((p.ph_vlng is 2)
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.800000) (H* 0.200000) (L* 0) NONE))
      (((NONE 0.900000) (H* 0.100000) (L* 0) NONE)))
     ((pos_in_syl < 6.5)
      (((NONE 0.100000) (H* 0.900000) (L* 0) H*))
      (((NONE 0.200000) (H* 0.800000) (L* 0) H*))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.300000) (H* 0.700000) (L* 0) H*))
      (((NONE 0.400000) (H* 0.600000) (L* 0) H*)))
     ((pos_in_syl < 6.5)
      (((NONE 0.500000) (H* 0.500000) (L* 0) H*))
      (((NONE 0.600000) (H* 0.400000) (L* 0) NONE)))))
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.700000) (H* 0.300000) (L* 0) NONE))
      (((NONE 0.800000) (H* 0.200000) (L* 0) NONE)))
     ((pos_in_syl < 6.5)
      (((NONE 0.900000) (H* 0.100000) (L* 0) NONE))
      (((NONE 0.100000) (H* 0.900000) (L* 0) H*))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.200000) (H* 0.800000) (L* 0) H*))
      (((NONE 0.300000) (H* 0.700000) (L* 0) H*)))
     ((pos_in_syl < 6.5)
      (((NONE 0.400000) (H* 0.600000) (L* 0) H*))
      (((NONE 0.500000) (H* 0.500000) (L* 0) H*)))))))
 ((n.ph_ctype < 2.5)
  ((p.ph_vlng is 2)
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.600000) (H* 0.400000) (L* 0) NONE))
      (((NONE 0.700000) (H* 0.300000) (L* 0) NONE)))
     ((pos_in_syl < 6.5)
      (((NONE 0.800000) (H* 0.200000) (L* 0) NONE))
      (((NONE 0.900000) (H* 0.100000) (L* 0) NONE))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.100000) (H* 0.900000) (L* 0) H*))
      (((NONE 0.200000) (H* 0.800000) (L* 0) H*)))
     ((pos_in_syl < 6.5)
      (((NONE 0.300000) (H* 0.700000) (L* 0) H*))
      (((NONE 0.400000) (H* 0.600000) (L* 0) H*)))))
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.500000) (H* 0.500000) (L* 0) H*))
      (((NONE 0.600000) (H* 0.400000) (L* 0) NONE)))
     ((pos_in_syl < 6.5)
      (((NONE 0.700000) (H* 0.300000) (L* 0) NONE))
      (((NONE 0.800000) (H* 0.200000) (L* 0) NONE))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.900000) (H* 0.100000) (L* 0) NONE))
      (((NONE 0.100000) (H* 0.900000) (L* 0) H*)))
     ((pos_in_syl < 6.5)
      (((NONE 0.200000) (H* 0.800000) (L* 0) H*))
      (((NONE 0.300000) (H* 0.700000) (L* 0) H*))))))
  ((p.ph_vlng is 2)
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.400000) (H* 0.600000) (L* 0) H*))
      (((NONE 0.500000) (H* 0.500000) (L* 0) H*)))
     ((pos_in_syl < 6.5)
      (((NONE 0.600000) (H* 0.400000) (L* 0) NONE))
      (((NONE 0.700000) (H* 0.300000) (L* 0) NONE))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.800000) (H* 0.200000) (L* 0) NONE))
      (((NONE 0.900000) (H* 0.100000) (L* 0) NONE)))
     ((pos_in_syl < 6.5)
      (((NONE 0.100000) (H* 0.900000) (L* 0) H*))
      (((NONE 0.200000) (H* 0.800000) (L* 0) H*)))))
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.300000) (H* 0.700000) (L* 0) H*))
      (((NONE 0.400000) (H* 0.600000) (L* 0) H*)))
     ((pos_in_syl < 6.5)
      (((NONE 0.500000) (H* 0.500000) (L* 0) H*))
      (((NONE 0.600000) (H* 0.400000) (L* 0) NONE))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((NONE 0.700000) (H* 0.300000) (L* 0) NONE))
      (((NONE 0.800000) (H* 0.200000) (L* 0) NONE)))
     ((pos_in_syl < 6.5)
      (((NONE 0.900000) (H* 0.100000) (L* 0) NONE))
      (((NONE 0.100000) (H* 0.900000) (L* 0) H*)))))))))
