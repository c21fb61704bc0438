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

(set! tiny_duration_cart_tree
'
((R:SylStructure.parent.accented is 0)
 ((n.ph_ctype < 2.5)
  ((p.ph_vlng is 2)
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.400000 -0.714286))
      ((0.500000 -0.571429)))
     ((pos_in_syl < 6.5)
      ((0.600000 -0.428571))
      ((0.700000 -0.285714))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.800000 -0.142857))
      ((0.900000 0.000000)))
     ((pos_in_syl < 6.5)
      ((1.000000 0.142857))
      ((0.400000 0.285714)))))
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.500000 0.428571))
      ((0.600000 0.571429)))
     ((pos_in_syl < 6.5)
      ((0.700000 0.714286))
      ((0.800000 -0.714286))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.900000 -0.571429))
      ((1.000000 -0.428571)))
     ((pos_in_syl < 6.5)
      ((0.400000 -0.285714))
      ((0.500000 -0.142857))))))
  ((p.ph_vlng is 2)
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.600000 0.000000))
      ((0.700000 0.142857)))
     ((pos_in_syl < 6.5)
      ((0.800000 0.285714))
      ((0.900000 0.428571))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((1.000000 0.571429))
      ((0.400000 0.714286)))
     ((pos_in_syl < 6.5)
      ((0.500000 -0.714286))
      ((0.600000 -0.571429)))))
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.700000 -0.428571))
      ((0.800000 -0.285714)))
     ((pos_in_syl < 6.5)
      ((0.900000 -0.142857))
      ((1.000000 0.000000))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.400000 0.142857))
      ((0.500000 0.285714)))
     ((pos_in_syl < 6.5)
      ((0.600000 0.428571))
      ((0.700000 0.571429)))))))
 ((n.ph_ctype < 2.5)
  ((p.ph_vlng is 2)
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.800000 0.714286))
      ((0.900000 -0.714286)))
     ((pos_in_syl < 6.5)
      ((1.000000 -0.571429))
      ((0.400000 -0.428571))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.500000 -0.285714))
      ((0.600000 -0.142857)))
     ((pos_in_syl < 6.5)
      ((0.700000 0.000000))
      ((0.800000 0.142857)))))
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.900000 0.285714))
      ((1.000000 0.428571)))
     ((pos_in_syl < 6.5)
      ((0.400000 0.571429))
      ((0.500000 0.714286))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.600000 -0.714286))
      ((0.700000 -0.571429)))
     ((pos_in_syl < 6.5)
      ((0.800000 -0.428571))
      ((0.900000 -0.285714))))))
  ((p.ph_vlng is 2)
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((1.000000 -0.142857))
      ((0.400000 0.000000)))
     ((pos_in_syl < 6.5)
      ((0.500000 0.142857))
      ((0.600000 0.285714))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.700000 0.428571))
      ((0.800000 0.571429)))
     ((pos_in_syl < 6.5)
      ((0.900000 0.714286))
      ((1.000000 -0.714286)))))
   ((ph_vheight < 4.5)
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.400000 -0.571429))
      ((0.500000 -0.428571)))
     ((pos_in_syl < 6.5)
      ((0.600000 -0.285714))
      ((0.700000 -0.142857))))
    ((R:SylStructure.parent.syl_codasize is 1)
     ((pos_in_syl < 6.5)
      ((0.800000 0.000000))
      ((0.900000 0.142857)))
     ((pos_in_syl < 6.5)
      ((1.000000 0.285714))
      ((0.400000 0.428571)))))))))

(provide 'tinydurtreeZ)
