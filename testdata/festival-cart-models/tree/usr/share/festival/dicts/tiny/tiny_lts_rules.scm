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

(set! tiny_lts_rules '(
(a
 ((R:SylStructure.parent.accented is 0)
 ((n.ph_ctype < 2.5)
  ((p.ph_vlng is 2)
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.500000) (aa1 0.500000) aa1))
      (((aa0 0.400000) (aa1 0.600000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.300000) (aa1 0.700000) aa1))
      (((aa0 0.200000) (aa1 0.800000) aa1))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.100000) (aa1 0.900000) aa1))
      (((aa0 0.500000) (aa1 0.500000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.400000) (aa1 0.600000) aa1))
      (((aa0 0.300000) (aa1 0.700000) aa1)))))
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.200000) (aa1 0.800000) aa1))
      (((aa0 0.100000) (aa1 0.900000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.500000) (aa1 0.500000) aa1))
      (((aa0 0.400000) (aa1 0.600000) aa1))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.300000) (aa1 0.700000) aa1))
      (((aa0 0.200000) (aa1 0.800000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.100000) (aa1 0.900000) aa1))
      (((aa0 0.500000) (aa1 0.500000) aa1))))))
  ((p.ph_vlng is 2)
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.400000) (aa1 0.600000) aa1))
      (((aa0 0.300000) (aa1 0.700000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.200000) (aa1 0.800000) aa1))
      (((aa0 0.100000) (aa1 0.900000) aa1))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.500000) (aa1 0.500000) aa1))
      (((aa0 0.400000) (aa1 0.600000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.300000) (aa1 0.700000) aa1))
      (((aa0 0.200000) (aa1 0.800000) aa1)))))
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.100000) (aa1 0.900000) aa1))
      (((aa0 0.500000) (aa1 0.500000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.400000) (aa1 0.600000) aa1))
      (((aa0 0.300000) (aa1 0.700000) aa1))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.200000) (aa1 0.800000) aa1))
      (((aa0 0.100000) (aa1 0.900000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.500000) (aa1 0.500000) aa1))
      (((aa0 0.400000) (aa1 0.600000) aa1)))))))
 ((n.ph_ctype < 2.5)
  ((p.ph_vlng is 2)
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.300000) (aa1 0.700000) aa1))
      (((aa0 0.200000) (aa1 0.800000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.100000) (aa1 0.900000) aa1))
      (((aa0 0.500000) (aa1 0.500000) aa1))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.400000) (aa1 0.600000) aa1))
      (((aa0 0.300000) (aa1 0.700000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.200000) (aa1 0.800000) aa1))
      (((aa0 0.100000) (aa1 0.900000) aa1)))))
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.500000) (aa1 0.500000) aa1))
      (((aa0 0.400000) (aa1 0.600000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.300000) (aa1 0.700000) aa1))
      (((aa0 0.200000) (aa1 0.800000) aa1))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.100000) (aa1 0.900000) aa1))
      (((aa0 0.500000) (aa1 0.500000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.400000) (aa1 0.600000) aa1))
      (((aa0 0.300000) (aa1 0.700000) aa1))))))
  ((p.ph_vlng is 2)
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.200000) (aa1 0.800000) aa1))
      (((aa0 0.100000) (aa1 0.900000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.500000) (aa1 0.500000) aa1))
      (((aa0 0.400000) (aa1 0.600000) aa1))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.300000) (aa1 0.700000) aa1))
      (((aa0 0.200000) (aa1 0.800000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.100000) (aa1 0.900000) aa1))
      (((aa0 0.500000) (aa1 0.500000) aa1)))))
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.400000) (aa1 0.600000) aa1))
      (((aa0 0.300000) (aa1 0.700000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.200000) (aa1 0.800000) aa1))
      (((aa0 0.100000) (aa1 0.900000) aa1))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      (((aa0 0.500000) (aa1 0.500000) aa1))
      (((aa0 0.400000) (aa1 0.600000) aa1)))
     ((pos_in_syl < 6.5)
      (((aa0 0.300000) (aa1 0.700000) aa1))
      (((aa0 0.200000) (aa1 0.800000) aa1)))))))))
))
