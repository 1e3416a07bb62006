"""Lint public research repositories (paper code, federated learning, course code) pinned to a
commit, and measure precision against the hand review.

    python benchmarks/sweep_research.py [--mirror DIR] [--cache DIR] [--package-root DIR]
                                        [--only NAMES] [--set NAME|all]
                                        [--review FILE] [--flake8] [--jobs N]

Research code is where aliasing bugs live: it is rarely packaged, so each repository is read
from a local git mirror (default /work/.mirror, or $COPYSAFETY_MIRROR: one folder per
repository named `owner+name`, holding `repo/` as a bare git directory or a clone). The pinned
commit's *.py files are extracted with `git cat-file` into the cache folder (default
~/.cache/copysafety-research, or $COPYSAFETY_RESEARCH_CACHE), and the tree is linted as a user
would: `copysafety check --format json --isolated --extend-select CPS104` (every code, the
default-off one included); with --flake8, `flake8 --select CPS --extend-select CPS104` too,
and the two must agree.

Nine pinned sets: `--set research` (the first sweep, default), `--set dataset` (dataset-heavy
research code and code keeping best weights or EMA copies), `--set snapshots` (federated
learning, meta-learning, weight averaging, continual learning, RL), `--set fresh_data` and
`--set fresh_weights` (later first passes over code in styles not swept before: Kaggle
pipelines, medical imaging, audio, video, RL replay buffers; federated learning, pruning and
lottery tickets, model soups, distillation), `--set unseen_data`/`unseen_weights` and
`--set holdout_data`/`holdout_weights` (two more rounds of first passes, each chosen and
reviewed before any change made for it), or `--set all`. Every finding is looked up in the
set's review, benchmarks/sweep_<set>_review.json (the first set's: sweep_research_review.json)
({"findings": [{repo, commit, path, line, code, verdict: "true"|"false"|"debatable"|"notice",
kind, reason, confirm}], "misses": [{repo, commit, path, line, code, kind, verdict, reason,
lacking, confirm}]}); "notice" is a correct CPS9xx report (a file that could not be parsed).
Printed: a table per repository, every finding with its verdict (NEW when not reviewed),
reviews no longer found (GONE), precision = true / (true + false) with debatable and notices
counted apart, and the misses found by reading, marked MISS-FOUND once a finding is reported
on their line. A repository whose mirror is absent is skipped with a note, never a traceback.
Exit status: 0 when every finding is reviewed, 1 when some are not, 2 when the linter failed,
the two front ends disagreed, or a pinned commit could not be read from the mirror.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
REVIEW = ROOT / "benchmarks" / "sweep_research_review.json"
DATASET_REVIEW = ROOT / "benchmarks" / "sweep_dataset_review.json"
SNAPSHOT_REVIEW = ROOT / "benchmarks" / "sweep_snapshots_review.json"

# (owner/name, pinned commit, field)
FEDERATED = "federated learning"
REPOS: Tuple[Tuple[str, str, str], ...] = (
    ("shaoxiongji/federated-learning", "5a9da1acd210aef030ff3841665c6d0cc0c8be23", FEDERATED),
    ("AshwinRJ/Federated-Learning-PyTorch", "26eaec40fa8beb56777feb89756f6401c28c4736",
     FEDERATED),
    ("Xtra-Computing/NIID-Bench", "61b901ab645e62391772e9898384c2c3485b7a6c", FEDERATED),
    ("TsingZ0/PFLlib", "d832e76f6a23b833038949ec1e4fdefe63a4d350", FEDERATED),
    ("JYWa/FedNova", "47b4e096dfb19dc43c728896fff335a5befb645d", FEDERATED),
    ("pliang279/LG-FedAvg", "7af0568b2cae88922ebeacc021b1679815092f4e", FEDERATED),
    ("lgcollins/FedRep", "d82e62982e107bb3322541604f059c0ff28bd289", FEDERATED),
    ("CharlieDinh/pFedMe", "caf24b1f954d4381bd9b4d104ee7eff389e1489b", FEDERATED),
    ("omarfoq/FedEM", "996faddf865fd03c6852b7ffe64410e31b339e94", FEDERATED),
    ("ki-ljl/Scaffold-Federated-Learning", "6114b73509f1065fb792b8584726bb52ba328e0b",
     FEDERATED),
    ("ki-ljl/FedProx-PyTorch", "ec79be9ac3b849a36f4a1c44ed59d5569d3f4eaa", FEDERATED),
    ("c-gabri/Federated-Learning-PyTorch", "d9c46d4820fd312945795e9997584bf438145bf6",
     FEDERATED),
    ("QinbinLi/MOON", "8fcba3c4efc9a47eb24687a91ba94cfb2005103f", FEDERATED),
    ("med-air/FedBN", "2fa38adf627a8c8ba71c5fb515b1f2ba00aa8812", FEDERATED),
    ("KarhouTam/FL-bench", "06e658bca5af6ce732e25bb7c0f8be321e14a85e", FEDERATED),
    # The parent of FL-bench's fix d869d61 ("Add necessary tensor copy operation in FedProx"):
    # `global_params = list(self.model.parameters())` as the proximal anchor (a known bug).
    ("KarhouTam/FL-bench", "60e144473d2caa57442b3dce8c7bebbed1e62028",
     FEDERATED + ", known bug fixed upstream"),
    ("Jaewoo-Shin/FL_ACT", "60971ddfe9fd042098cf40b96e7a64bf76b8facd", FEDERATED),
    ("wnma3mz/flearn", "54bbb48c66736182e9519824e0195cbc094350c2", FEDERATED),
    ("yanx27/Pointnet_Pointnet2_pytorch", "eb64fe0b4c24055559cea26299cb485dcb43d8dd",
     "point clouds"),
    ("fxia22/pointnet.pytorch", "bafbf401e0af19be3262e448c59313fd2be0e421", "point clouds"),
    ("WangYueFt/dgcnn", "f765b469a67730658ba554e97dc11723a7bab628", "point clouds"),
    ("antao97/UnsupervisedPointCloudReconstruction", "980194040b22b8448282501a8291e26bd227b6a6",
     "point clouds"),
    ("bulletPr/Unsupervised-learning-on-LoD3-building-point-cloud",
     "72f9ff793493da113e4cb4235cb3a6693ac15088", "point clouds"),
    ("eriklindernoren/PyTorch-YOLOv3", "1d621c8489e22c76ceb93bb2397ac6c8dfb5ceb7", "detection"),
    ("amdegroot/ssd.pytorch", "5b0b77faa955c1917b0c710d770739ba8fbff9b7", "detection"),
    ("milesial/Pytorch-UNet", "21d7850f2af30a9695bbeea75f3136aa538cfc4a", "segmentation"),
    ("VainF/DeepLabV3Plus-Pytorch", "4e1087de98bc49d55b9239ae92810ef7368660db",
     "segmentation"),
    ("zhouhaoyi/Informer2020", "29f2a739226a509202a092b464163da81fa74960", "time series"),
    ("cure-lab/LTSF-Linear", "0c113668a3b88c4c4ee586b8c5ec3e539c4de5a6", "time series"),
    ("thuml/Time-Series-Library", "4e938a1767106324dd753b2a44832bf870a0252e", "time series"),
    ("tkipf/pygcn", "1600b5b748b3976413d1e307540ccc62605b4d6d", "graph networks"),
    ("Diego999/pyGAT", "3664f2dc90cbf971564c0bf186dc794f12446d0c", "graph networks"),
    ("alexmonti19/dagnet", "4cd6ceb8ff47ce1e888f7676c9463d2ab1c7aa4b", "graph networks"),
    ("sfujim/TD3", "34770ccdcb51df6f6c7d85c1ba7e40d71b940d16", "reinforcement learning"),
    ("seungeunrho/minimalRL", "c8efed8481e3cd40e9739cfde220a55522555b57",
     "reinforcement learning"),
    ("tloen/alpaca-lora", "8bb8579e403dc78e37fe81ffbb253c413007323f", "LLM fine-tuning"),
    ("HobbitLong/RepDistiller", "b84f547c5db6a35318d4671d7d5c4de74c822403", "distillation"),
    ("haitongli/knowledge-distillation-pytorch", "9937528f0be0efa979c745174fbcbe9621cea8b7",
     "distillation"),
    ("GMvandeVen/continual-learning", "e6d795aa81b9cef742b8de76cb71222d4d1ce00b",
     "continual learning"),
    ("facebookresearch/GradientEpisodicMemory", "34c6b8e9a0607db7567301c48b727430d20bee7e",
     "continual learning"),
    ("Bjarten/early-stopping-pytorch", "fbd87a6135820700e27cda3448d5d54dc6fd3b0c",
     "early stopping"),
    ("jindongwang/transferlearning", "f951df1188858f6eb561b89e37deb93295ff1c82",
     "transfer learning"),
    ("udacity/deep-learning-v2-pytorch", "c9404fc86181fc3f0906b368697268257f348535",
     "course code"),
    ("jjparkcv/cs348n-hw2", "ce2199c3295c06143b6249d479ee146d50385120", "course code"),
    ("DesMonNt/image-classification", "f7764e18dc6ef1e077002f47b990574f80a35b8d",
     "early stopping"),
    ("Dizolivemint/CS580-Text-Predictor", "6599b8c2dbefe795490aa32534387b4295da70c1",
     "early stopping"),
    ("CeciliuSousa/NeuraPose", "5b655deddc7d8d6f0556b7670c050bbf545b9a5c", "time series"),
)

# A second sweep, of code heavy in state_dict() and parameter snapshots (federated
# learning, meta-learning, weight averaging, continual learning, RL, distillation); its review is
# benchmarks/sweep_snapshots_review.json. Run it with `--set snapshots`.
SNAPSHOT_REPOS: Tuple[Tuple[str, str, str], ...] = (
    ("alpemreacar/FedDyn", "48a19fac440ef079ce563da8e0c2896f8256fef9",
     FEDERATED),
    ("gaoliang13/FedDC", "13440c23d3953cd137fa65b6e3b76eb8eb187798",
     FEDERATED),
    ("zhuangdizhu/FedGen", "dd5807c5625404e99035d97e2ef8c712c2e007a6",
     FEDERATED),
    ("jhoon-oh/FedBABU", "e34c15b4288224f0af1bc13670bc0cdc373c9576",
     FEDERATED),
    ("Lee-Gihun/FedNTD", "be00ee598139654abe650c446a7ba3bc4e340233",
     FEDERATED),
    ("vaseline555/Federated-Learning-in-PyTorch", "6c07b19c6810c82bd9455bf7364808a568376bf4",
     FEDERATED),
    ("WHDY/FedAvg", "0ea28e2fadfe38a6ad1060bc8f0104faea915dd0",
     FEDERATED),
    ("IBM/FedMA", "4b586a5a22002dc955d025b890bc632daa3c01c7",
     FEDERATED),
    ("yuetan031/FedProto", "97e42e2741e1ae2e2fce2465e80f38f6997f8836",
     FEDERATED),
    ("TsingZ0/FedALA", "a7a9b21342859005f22fc0bffbdb1846975de53b",
     FEDERATED),
    ("mmendiet/FedAlign", "08bcb38b103bf00a7271511cd8a0ba9f87f76cf5",
     FEDERATED),
    ("hongyouc/FedBE", "7eeb965d29ce6c35c38f31706a004c00745e59b8",
     FEDERATED),
    ("KarhouTam/pFedLA", "c8b505c1edd119cf6bfa4a0bf95406afd5a0de08",
     FEDERATED),
    ("WenkeHuang/FCCL", "141d72c26f833d108f564a49169168746e8e1d1a",
     FEDERATED),
    ("dragen1860/MAML-Pytorch", "98a00d41724c133bd29619a2fb2cc46dd128a368",
     "meta-learning"),
    ("tristandeleu/pytorch-maml", "44104272a0140b35e2223ba68750e7e715315653",
     "meta-learning"),
    ("timgaripov/swa", "411b2fcad59bec60c6c9eb1eb19ab906540e5ea2",
     "weight averaging"),
    ("YU1ut/MixMatch-pytorch", "cc7ef42cffe61288d06eec1428268b384674009a",
     "weight averaging"),
    ("kekmodel/FixMatch-pytorch", "040be3b8950300b052f810df31a0c6c09561e09f",
     "weight averaging"),
    ("moskomule/ewc.pytorch", "c846fc6c7929963df241c402e2f3998f7f22b975",
     "continual learning"),
    ("hshustc/CVPR19_Incremental_Learning", "e5a90aed7640f3b00e5b1a8dfb5376c1628bfe6a",
     "continual learning"),
    ("pranz24/pytorch-soft-actor-critic", "c1805660b3961694be54079a355155a5cad492f5",
     "reinforcement learning"),
    ("sfujim/BCQ", "4876f7e5afa9eb2981feec5daf67202514477518",
     "reinforcement learning"),
    ("AberHu/Knowledge-Distillation-Zoo", "65470c846c1300d555815da26999cbe2b51fc815",
     "distillation"),
    ("GT-RIPL/Continual-Learning-Benchmark", "d78b9973b6ec0059b2d2577872db355ae2489f6b",
     "continual learning"),
    ("mmasana/FACIL", "e09d2c83320a1aa945a6157d4875437515824dc9", "continual learning"),
    ("G-U-N/PyCIL", "87cc4110d60765dc3f64af7ef7a693efed8418ff", "continual learning"),
    ("Kaixhin/Rainbow", "1745b184c3dfc03d4ffa3ce2342ced9996b39a60", "reinforcement learning"),
    ("ebagdasa/backdoor_federated_learning", "3f068b819f017b9eef1e19f43f572e391398c90a",
     FEDERATED),
    ("AI-secure/DBA", "3cabf7ec3d9967eefb9c3cb983c6eb671ac12b33", FEDERATED),
    ("microsoft/PersonalizedFL", "441670edb5744d23af46867cce9a5fbec0f8ead3", FEDERATED),
    ("atuannguyen/FedSR", "ba8d894a90fab9da3d62cce570bc8fe17a312a2d", FEDERATED),
    ("JianXu95/FedPAC", "5770f4ff8f11ad3be61c2a62b038245fa3f25248", FEDERATED),
    ("med-air/HarmoFL", "63182fe8425f84f6720007386b4b6bc8e1e7e8b8", FEDERATED),
    ("wjmaddox/swa_gaussian", "61a918fa1c3e732dd19fc278ad3a5969f24d5a72", "weight averaging"),
    ("AntreasAntoniou/HowToTrainYourMAMLPytorch", "86964701651c06e490271365fedb8789a72ef3f0",
     "meta-learning"),
    ("CuriousAI/mean-teacher", "546348ff863c998c26be4339021425df973b4a36", "weight averaging"),
    ("ikostrikov/pytorch-a2c-ppo-acktr-gail", "41332b78dfb50321c29bade65f9d244387f68a60",
     "reinforcement learning"),
)


# A second sweep, of dataset-heavy research code (point clouds, medical imaging, audio, NLP
# fine-tuning, time series, detection and pose, Kaggle pipelines, course code) and of research
# code keeping best weights, EMA teachers or momentum encoders; reviewed in
# benchmarks/sweep_dataset_review.json (`--set dataset`).
EMA = "EMA / best weights"
DATASET_REPOS: Tuple[Tuple[str, str, str], ...] = (
    ("AnTao97/dgcnn.pytorch", "07d534c2702905010ec9991619f552d8cacae45b", "point clouds"),
    ("ma-xu/pointMLP-pytorch", "1ab7f04e88d2aeb8fd16921a2b2fc4fba950b6df", "point clouds"),
    ("mateuszbuda/brain-segmentation-pytorch", "d45f8908ab2f0246ba204c702a6161c9eb25f902",
     "medical imaging"),
    ("Beckschen/TransUNet", "02ef0010b36eb8328b5e689eadaf613602edf9b8", "medical imaging"),
    ("JiangZongKang/kaggle-brain-segmentation", "739affb7ff07536b07ccf2e5c083c8ab81a21e33",
     "medical imaging"),
    ("LeeJunHyun/Image_Segmentation", "5e9da9395c52b119d55dfc6532c34ac0e88f446e",
     "medical imaging"),
    ("HiLab-git/SSL4MIS", "06df6047a59aba9988ced8331998b5957ecb356b", "medical imaging, " + EMA),
    ("yulequan/UA-MT", "88ed29ad794f877122e542a7fa9505a76fa83515", "medical imaging, " + EMA),
    ("YuanGongND/ast", "31088be8a3f6ef96416145c4b8d43c81f99eba7a", "audio"),
    ("jaywalnut310/vits", "2e561ba58618d021b5b8323d3765880f7e0ecfdb", "audio"),
    ("jik876/hifi-gan", "4769534d45265d52a904b850da5a622601885777", "audio"),
    ("kaituoxu/Conv-TasNet", "0d9d9dcd8037b396fd029000af58cda6b7663b11", "audio, " + EMA),
    ("qiuqiangkong/audioset_tagging_cnn", "d2f4b8c18eab44737fcc0de1248ae21eb43f6aa4", "audio"),
    ("tatsu-lab/stanford_alpaca", "761dc5bfbdeeffa89b8bff5d038781a4055f796a", "LLM fine-tuning"),
    ("thuml/Autoformer", "51c7d416ae120b805fd5beef2f4ccf7de496a6ff", "time series, " + EMA),
    ("yuqinie98/PatchTST", "204c21efe0b39603ad6e2ca640ef5896646ab1a9", "time series, " + EMA),
    ("WongKinYiu/yolov7", "a207844b1ce82d204ab36d87d496728d3d2348e7", "detection, " + EMA),
    ("Megvii-BaseDetection/YOLOX", "6ddff4824372906469a7fae2dc3206c7aa4bbaee",
     "detection, " + EMA),
    ("xingyizhou/CenterNet", "4c50fd3a46bdf63dbf2082c5cbb3458d39579e6c", "detection"),
    ("leoxiaobin/deep-high-resolution-net.pytorch", "6f69e4676ad8d43d0d61b64b1b9726f0c369e7b1",
     "pose, " + EMA),
    ("selimsef/dfdc_deepfake_challenge", "89c6290490bac96b29193a4061b3db9dd3933e36",
     "Kaggle pipeline"),
    ("lRomul/argus-freesound", "4faf8f192035b413e8946bda3555474cb9ad8237", "Kaggle pipeline"),
    ("kekmodel/FixMatch-pytorch", "040be3b8950300b052f810df31a0c6c09561e09f", EMA),
    ("CuriousAI/mean-teacher", "546348ff863c998c26be4339021425df973b4a36", EMA),
    # The last commit with the Python sources (the next one removes every file).
    ("facebookresearch/moco", "132aea9da9bb995a411c915c0420be3db62052f3", EMA),
    ("kuangliu/pytorch-cifar", "49b7aa97b0c12fe0d4054e670403a16b6b834ddd", "course code, " + EMA),
    ("yunjey/pytorch-tutorial", "0500d3df5a2a8080ccfccbc00aca0eacc21818db", "course code"),
    ("tristinjohnson/Audio-Classification-UrbanSound8K",
     "48f90255b7bd19db8037855abab45a36d996e07c", "audio, course code"),
    ("AndyDunkelHell/TGRT", "72f6f1eb5d8128ee6eca10164ab8c7cae06df37e", EMA),
    ("MINGYU-1/intern_practicing", "19190ffde1d8afafa8c787a9c56278339a1997a2", EMA),
    ("3dct/CVSSL", "e7bd2a63ac2df0116cde21fc2f8b5059a42a934a", "medical imaging"),
    ("kurchi1205/ERA-Session-9-training", "d68fdd19e433c48587659ae5a47dbf68ab97fe03",
     "course code"),
    ("monofo/kaggle_cassava_leaf_disease_classification",
     "e64deb19918c7a7462d1c2b79cb9bc41c57318d3", "Kaggle pipeline"),
    ("andresdav26/img_autoencoder", "2e571596540722a8726e79cfe130a6a6f449cf6b", "course code"),
    ("YoungBorobey/ASR-project", "c6cbb2dc2c0ed9f95235268a99ed4e34aa13a871",
     "audio, course code"),
    ("sooftware/kospeech", "984b5890dd53379486b2abc0165c3396eb52ad37", "audio"),
    ("freya-aino/motion-capture", "15876caa35612ecb4cb6c56373fcf3012c7835e4", "pose"),
    ("WangYueFt/dcp", "bcd7deff0020de4be4db62cb953980d7b4f3a28c", "point clouds"),
    ("WangYueFt/prnet", "82d466a91c45f45acb57c839acdd7369d3ba10b8", "point clouds"),
    ("Pang-Yatian/Point-MAE", "7445a68068d707da6d959b66773bfef84c4e3e32", "point clouds"),
    ("lulutang0608/Point-BERT", "26e0581395b0df2213d80181c4ff38d3971130d2", "point clouds"),
    ("jbohnslav/deepethogram", "a77c77c4249b5ed027cb897f3607cdfd10d25479",
     "video classification, " + EMA),
    ("quantitative-technologies/fine-tuning-instability",
     "d9471094ded67cb35fa649b02be9a26abeb2fb88", "LLM fine-tuning, " + EMA),
)
# --set NAME: which pinned list is swept, and the review its findings are looked up in
SETS = {"research": (REPOS, REVIEW), "dataset": (DATASET_REPOS, DATASET_REVIEW),
        "snapshots": (SNAPSHOT_REPOS, SNAPSHOT_REVIEW)}


# A fresh sweep of dataset-heavy research code in styles not swept before (Kaggle pipelines,
# medical imaging, audio, video, point clouds, remote sensing, time series, graph datasets, RL
# replay buffers, course code, self-supervised augmentation); reviewed in
# benchmarks/sweep_fresh_data_review.json (`--set fresh_data`).
FRESH_DATA_REPOS: Tuple[Tuple[str, str, str], ...] = (
    ("MishaLaskin/rad", "18d079e677398c70ff2eefefcc81d5a99662103d",
     "RL replay buffers, self-supervised augmentation"),
    ("sthalles/SimCLR", "1848fc934ad844ae630e6c452300433fe99acfd9",
     "self-supervised augmentation"),
    ("HobbitLong/SupContrast", "66a8fe53880d6a1084b2e4e0db0a019024d6d41a",
     "self-supervised augmentation"),
    ("kenshohara/3D-ResNets-PyTorch", "540a0ea1abaee379fa3651d4d5afbd2d667a1f49",
     "video"),
    ("yjxiong/tsn-pytorch", "2f0468e049760530b4995bf72c8a512623929c39",
     "video"),
    ("ternaus/robot-surgery-segmentation", "1d181572647a585477f142a2906b735246276715",
     "medical imaging, Kaggle pipeline"),
    ("tugstugi/pytorch-speech-commands", "36f3cd9e0d2b2d50cf4b023c9af1544fdfeeb886",
     "audio, Kaggle pipeline"),
    ("ozan-oktay/Attention-Gated-Networks", "eee4881fdc31920efd873773e0b744df8dacbfb6",
     "medical imaging"),
    ("McGregorWwww/UCTransNet", "493bd8136b2bb7265d7876104f56688363c8d0d1",
     "medical imaging"),
    ("HuCaoFighting/Swin-Unet", "f48f623e226e25b6e395c37207915c50aaa9c776",
     "medical imaging"),
    ("MrGiovanni/ModelsGenesis", "12f7feb67e509d5eb0b1a8f101592efbffa1c8f0",
     "medical imaging, self-supervised augmentation"),
    ("gzerveas/mvts_transformer", "3f2e378bc77d02e82a44671f20cf15bc7761671a",
     "time series"),
    ("yuezhihan/ts2vec", "b0088e14a99706c05451316dc6db8d3da9351163",
     "time series, self-supervised augmentation"),
    ("emadeldeen24/TS-TCC", "15bdfd6eced6aeb6c638839828effe1b4b2ea391",
     "time series, self-supervised augmentation"),
    ("nnzhan/Graph-WaveNet", "6b162e80c59a1d494809252eca055cff93dc66b1",
     "graph datasets, time series"),
    ("chnsh/DCRNN_PyTorch", "d92490b808ba5c5be2f23d427d96e9a56b066d7f",
     "graph datasets, time series"),
    ("weihua916/powerful-gnns", "9a2ce8ac3e99278307093a464a95caf0fb04b602",
     "graph datasets"),
    ("RexYing/diffpool", "8dfb97cf60c2376ac804761837b9966f1d302acb",
     "graph datasets"),
    ("justchenhao/BIT_CD", "adcd7aea6f234586ffffdd4e9959404f96271711",
     "remote sensing"),
    ("wgcban/ChangeFormer", "afd1b7ed640aa265a2c730de958416ae7356a2f9",
     "remote sensing"),
    ("kzl/decision-transformer", "e2d82e68f330c00f763507b3b01d774740bee53f",
     "RL replay buffers"),
    ("berkeleydeeprlcourse/homework_fall2023", "f401a13ce9139d633c1d242c2557ae29506a7e05",
     "course code, RL replay buffers"),
    ("jfzhang95/pytorch-deeplab-xception", "9135e104a7a51ea9effa9c6676a2fcffe6a6a2e6",
     "segmentation"),
    ("JusperLee/Dual-Path-RNN-Pytorch", "87b6301bab46aae3a9705e624ed331f03cce3212",
     "audio"),
    ("ksanjeevan/crnn-audio-classification", "f09449b87ed61d28b82931c7055d033a7b69160b",
     "audio"),
    ("qq456cvb/Point-Transformers", "5f6ef586b24e2e2a53e9ddfed49a00dff69a8d3d",
     "point clouds"),
    ("tiangexiang/CurveNet", "0d2f62562e906bd78ec82e5ee56f5cec6f5c2b8c",
     "point clouds"),
    ("Strawberry-Eat-Mango/PCT_Pytorch", "0199a3b8c89274aeeebb5634c82a47573c8be492",
     "point clouds"),
    ("maum-ai/voicefilter", "7db2930dacd94f33d44380bf07001fc7cab80e55",
     "audio"),
    ("denisyarats/drq", "dd040f144ed8f696c7db35087cd80c87372edb64",
     "RL replay buffers, self-supervised augmentation"),
    ("SeuTao/Kaggle_TGS2018_4th_solution", "079ecd8bd847a9ed0e40218e3d1f512c02480731",
     "Kaggle pipeline"),
    ("appian42/kaggle-rsna-intracranial-hemorrhage", "54ea4cc228a03d8a2d7e3e10aa71dde6673c9a3d",
     "Kaggle pipeline, medical imaging"),
    ("mit-han-lab/temporal-shift-module", "1f6a834b02120441d99fa706b7a13ccc5293c6fa",
     "video"),
    ("black0017/MedicalZooPytorch", "8f40dab689841d7ff0e36aa5e583a1a1509fac3d",
     "medical imaging"),
    ("seungwonpark/melgan", "aca59909f6dd028ec808f987b154535a7ca3400c",
     "audio"),
    ("okankop/Efficient-3DCNNs", "9db09f629d8acad06b316e40c351fa96d01c2268",
     "video"),
    ("CVMI-Lab/PAConv", "b392e45e64db3c03c270c599d73c10c636670d11",
     "point clouds"),
    ("princeton-vl/SimpleView", "64c6dfe4ec93a79e7e45377d6a46129f36ed62a5",
     "point clouds"),
    ("hancyran/RepSurf", "29bacd52fe61ffb034c076be13163d415de6684a",
     "point clouds"),
    ("LMD0311/PointMamba", "80858e096e33ff7470640fe1f2132e5c1e667074",
     "point clouds, self-supervised augmentation"),
    ("jiachens/ModelNet40-C", "fad786c430c007cfbb7b4fe90ed1c9873d960921",
     "point clouds"),
    ("Shen-Lab/GraphCL", "b4d7501a2090f94ca0871beb4ec97bf071eaed0f",
     "graph datasets, self-supervised augmentation"),
    ("thuml/Anomaly-Transformer", "b0ee470c8012bff857fb600462aec6209c4a18d9",
     "time series"),
    ("koukyo1994/kaggle-birdcall-6th-place", "84811ab091a65aa6d7171b2eab1339d0c48b5350",
     "Kaggle pipeline, audio"),
    ("AnTao97/PointCloudDatasets", "9515ab1e1ed3d5288b41b19f89f6c76b1343eb14",
     "point clouds"),
    ("facebookresearch/drqv2", "c0c650b76c6e5d22a7eb5f2edffd1440fe94f8ef",
     "RL replay buffers, self-supervised augmentation"),
    ("ycwu1997/MC-Net", "fee453ca299a5d2c845cc2f3de4e416fd667d9c2",
     "medical imaging"),
    ("HiLab-git/WSL4MIS", "a594da8d99a42860bf1dad7cea02bd168e3683b1",
     "medical imaging"),
    ("MCG-NJU/VideoMAE", "14ef8d856287c94ef1f985fe30f958eb4ec2c55d",
     "video, self-supervised augmentation"),
    ("ming024/FastSpeech2", "d4e79eb52e8b01d24703b2dfc0385544092958f3",
     "audio"),
    ("cure-lab/SCINet", "02e6b0af2d58243de09aaa1eac3840237b659847",
     "time series"),
    ("yuxumin/PoinTr", "2e53e72367db9dbc3832ca534569f0fed9dd7dc1",
     "point clouds"),
    ("Uason-Chen/CTR-GCN", "e13d7582e281d06711eeecb380a472b278ae1663",
     "skeleton action recognition"),
    ("lshiwjx/2s-AGCN", "953c14fc10883cd869646328f5d522e9e9282063",
     "skeleton action recognition"),
    ("yysijie/st-gcn", "221c0e152054b8da593774c0d483e59befdb9061",
     "skeleton action recognition"),
    ("kenziyuliu/MS-G3D", "2f927f47143c7242e4875ddb08727bf5396aab46",
     "skeleton action recognition"),
    ("hehefan/P4Transformer", "461b83e9ac8ffd5653e09db03e23c56fc8bd5ab2",
     "point cloud video"),
    ("jionie/Bengaliai", "02b580dbb75f443d78c0f5bd6e4ff74e3cbbba71",
     "Kaggle pipeline"),
    ("bsridatta/Bengali-ai", "68386dff4ad476ede80793b8625cb39e50c5484b",
     "Kaggle pipeline"),
    ("XuyangBai/PointDSC", "b009d536ac10b570853833f2178397c154745da9",
     "point clouds"),
    ("udacity/deep-reinforcement-learning", "561eec3ae8678a23a4557f1a15414a9b076fdfff",
     "course code, RL replay buffers"),
    ("yandexdataschool/Practical_RL", "6f7fa8bc521af3d6bb47833c4670f44740f26aa6",
     "course code, RL replay buffers"),
    ("berkeleydeeprlcourse/homework_fall2020", "4808ac3054faf3dec0cd345219f6a9dea19d4202",
     "course code, RL replay buffers"),
)
SETS["fresh_data"] = (FRESH_DATA_REPOS, ROOT / "benchmarks" / "sweep_fresh_data_review.json")

# A sweep of dataset-heavy research code in styles not swept before (tokenised NLP data,
# diffusion and GAN pipelines, recommenders with negative sampling, forecasting windows,
# trajectories, keypoints with flip augmentation, OCR, few-shot episodes, re-identification,
# depth, molecules, image-text pairs, contrastive pairs); reviewed in
# benchmarks/sweep_unseen_data_review.json (`--set unseen_data`).
UNSEEN_DATA_REVIEW = ROOT / "benchmarks" / "sweep_unseen_data_review.json"
UNSEEN_DATA_REPOS: Tuple[Tuple[str, str, str], ...] = (
    ("adambielski/siamese-triplet",
     "0c719f9e8f59fa386e8c59d10b2ddde9fac46276", "contrastive pairs / triplets"),
    ("karpathy/minGPT", "37baab71b9abea1b76ab957409a1cc2fbfba8a26", "NLP tokenised datasets"),
    ("openai/improved-diffusion",
     "1bc7bbbdc414d83d4abf2ad8cc1446dc36c4e4d5", "diffusion / GAN data pipeline"),
    ("gusye1234/LightGCN-PyTorch",
     "947ca2b3b1d2d3545b114145710cb06c4e57b3d2", "recommender systems"),
    ("pmixer/SASRec.pytorch", "fde8a9c08febc2c898dc269b1d98ab762c50d2be", "recommender systems"),
    ("agrimgupta92/sgan", "691231e1adb6a344c7bcea9ebf2534518b226ead", "trajectory prediction"),
    ("abduallahmohamed/Social-STGCNN",
     "333d3a57b4d2705e129b21aefefa09c79b2b9ae1", "trajectory prediction"),
    ("microsoft/human-pose-estimation.pytorch",
     "49f3f4458c9d5917c75c37a6db48c6a0d7cd89a1", "pose estimation / keypoints"),
    ("clovaai/deep-text-recognition-benchmark",
     "e2117f2fb882b3c6085030500a260c113be27a63", "OCR / text detection"),
    ("WenmuZhou/DBNet.pytorch",
     "e03acf0e6b3b62f7d1dc7e10a6d2587456ac9ea1", "OCR / text detection"),
    ("wyharveychen/CloserLookFewShot",
     "e03aca8a2d01c9b5861a5a816cd5d3fdfc47cd45", "few-shot episodic sampling"),
    ("jakesnell/prototypical-networks",
     "c9bb4d258267c11cb6e23f0a19242d24ca98ad8a", "few-shot episodic sampling"),
    ("michuanhaohao/reid-strong-baseline",
     "3da7e6f03164a92e696cb6da059b1cd771b0346d", "re-identification"),
    ("layumi/Person_reID_baseline_pytorch",
     "82ff40fb11b7353400dc8670dcec620d97285096", "re-identification"),
    ("nianticlabs/monodepth2", "b676244e5a1ca55564eb5d16ab521a48f823af31", "depth estimation"),
    ("cleinc/bts", "5e3406b35d1497b2e55d2dd600524d1f4efacaed", "depth estimation"),
    ("snap-stanford/pretrain-gnns",
     "8b20528a83b8869ce16451305b32c827258d19a3", "molecule / graph datasets"),
    ("chemprop/chemprop", "9a0b47ad19ebf440c1557787e666d442728adaad", "molecule / graph datasets"),
    ("sgrvinod/a-PyTorch-Tutorial-to-Image-Captioning",
     "cc9c7e2f4017938d414178d3781fed8dbe442852", "multi-modal image-text"),
    ("salesforce/ALBEF", "b9727e43c3040491774d1b22cc27718aa7772fac", "multi-modal image-text"),
    ("jadore801120/attention-is-all-you-need-pytorch",
     "132907dd272e2cc92e3c10e6c4e783a87ff8893d", "NLP tokenised datasets"),
    ("monologg/JointBERT", "00324f60dda4a491b2913bc3065ae93966caea3f", "NLP tokenised datasets"),
    ("NVlabs/stylegan2-ada-pytorch",
     "d72cc7d041b42ec8e806021a205ed9349f87c6a4", "diffusion / GAN data pipeline"),
    ("laiguokun/LSTNet",
     "093c4dced7b7f7405be0620d65bb288b6d7ab4f0", "time-series forecasting windows"),
    ("thuml/iTransformer",
     "c2426e68ca13f74aaec08045c5c724d8ad328124", "time-series forecasting windows"),
    ("Daniil-Osokin/lightweight-human-pose-estimation.pytorch",
     "d23c284b09acf27a163e1febd511e7482cac25ed", "pose estimation / keypoints"),
    ("meijieru/crnn.pytorch", "3cc7904c5ba20b18fcdc2d02ac2b24a9be9eafaf", "OCR / text detection"),
    ("facebookresearch/VideoPose3D",
     "1afb1ca0f1237776518469876342fc8669d3f6a9", "pose estimation / keypoints"),
    ("floodsung/LearningToCompare_FSL",
     "b74e6366c7e7208a9d0fc82f7bedb9e1000199e4", "few-shot episodic sampling"),
    ("guoyang9/NCF", "89ff06ffcd2bca6bb773b54925265c208a28d318", "recommender systems"),
    ("ialhashim/DenseDepth", "2e15107d3b944b702a7512089ca041e8e4c58124", "depth estimation"),
    ("StanfordASL/Trajectron-plus-plus",
     "1031c7bd1a444273af378c1ec1dcca907ba59830", "trajectory prediction"),
    ("leftthomas/SimCLR",
     "cee178b6cab1efab67f8b527a0cff91c9e793f5c", "contrastive pairs / triplets"),
    ("SeanNaren/deepspeech.pytorch",
     "b88a631ef6b96553e16bbaa5bd6a621435bed278", "audio augmentation"),
    ("clovaai/CRAFT-pytorch", "e332dd8b718e291f51b66ff8f9ef2c98ee4474c8", "OCR / text detection"),
    ("yinboc/few-shot-meta-baseline",
     "779fae39dad3537e7c801049c858923e2a352dfe", "few-shot episodic sampling"),
    ("jaywonchung/BERT4Rec-VAE-Pytorch",
     "f66f2534ebfd937778c7174b5f9f216efdebe5de", "recommender systems"),
    ("clovaai/stargan-v2",
     "875b70a150609e8a678ed8482562e7074cdce7e5", "diffusion / GAN data pipeline"),
    ("rosinality/stylegan2-pytorch",
     "bef283a1c24087da704d16c30abc8e36e63efa0e", "diffusion / GAN data pipeline"),
    ("ermongroup/ddim",
     "e8df66cf02e457719930748b5c26e37e3126dfdd", "diffusion / GAN data pipeline"),
    ("CRIPAC-DIG/SR-GNN", "e21cfa431f74c25ae6e4ae9261deefe11d1cb488", "recommender systems"),
    ("THUwangcy/ReChorus", "e58d752558634d42be60de561d6f74df748583cc", "recommender systems"),
    ("MAZiqing/FEDformer",
     "c0f6b972def125691434d62be1ecadf710ae921a", "time-series forecasting windows"),
    ("HRNet/HigherHRNet-Human-Pose-Estimation",
     "aa23881492ff511185acf756a2e14725cc4ab4d7", "pose estimation / keypoints"),
    ("NVIDIA/tacotron2", "185cd24e046cc1304b4f8e564734d2498c6e2e6f", "audio augmentation"),
    ("ruotianluo/self-critical.pytorch",
     "4c48a3304932d58c5349434e7b0085f48dcb4be4", "multi-modal image-text"),
    ("facebookresearch/simsiam",
     "a7bc1772896d0dad0806c51f0bb6f3b16d290468", "contrastive pairs / triplets"),
    ("JiawangBian/SC-SfMLearner-Release",
     "681a0e77e2f65ccb1b24f5a9647c17b30defa122", "depth estimation"),
    ("Thinklab-SJTU/Crossformer",
     "c10c8eadb153d1dd9798250967747ca3ebb81383", "time-series forecasting windows"),
    ("jnhwkim/ban-vqa", "ef4cc36d63f6b31344301ac1bd91afd807d132e5", "multi-modal image-text"),
)
SETS["unseen_data"] = (UNSEEN_DATA_REPOS, UNSEEN_DATA_REVIEW)

# A fresh sweep of code that keeps weights (federated learning frameworks written by
# researchers, pruning with weights rewound to init, model soups, continual-learning anchors,
# distillation teachers, meta-learning, RL target networks); reviewed in
# benchmarks/sweep_fresh_weights_review.json (`--set fresh_weights`).
FRESH_WEIGHTS_REVIEW = ROOT / "benchmarks" / "sweep_fresh_weights_review.json"
FRESH_WEIGHTS_REPOS: Tuple[Tuple[str, str, str], ...] = (
    ("NicholasRasi/FL-Simulator", "ad15031f416b52caba30736984343464f0e0c5cb", FEDERATED),
    ("lxcnju/FedRepo", "617ee015046409d95dbd76ba39eebb92d313ab94", FEDERATED),
    ("SMILELab-FL/FedLab", "92552a742debc9d7bcf06378720c92fe90e15aa3", FEDERATED),
    ("TsingZ0/GPFL", "ed7a7fe1c0fead0f04b7d0408885610d91b363d8", FEDERATED),
    ("TsingZ0/FedCP", "7110e973a4069db7b05904cde6e76ca6795d7ab8", FEDERATED),
    ("TsingZ0/FedTGP", "c77cbbb31eb30d13066cd11f7f4a2e732aeaae24", FEDERATED),
    ("dem123456789/HeteroFL-Computation-and-Communication-Efficient-Federated-Learning-"
     "for-Heterogeneous-Clients",
     "ea528c330ec832b141b2ad64ca299642c91685ae", FEDERATED),
    ("rruisong/pytorch_federated_learning", "65428a370259ba5226c03f6987158294f57cc237", FEDERATED),
    ("katsura-jp/fedavg.pytorch", "43680267cf839fbf56eec599605bed46e00328e9", FEDERATED),
    ("CityChan/Federated-Hyper-Knowledge-Distillation",
     "8a930f4cac87a5fff48bdd5d57748433567c2678", FEDERATED),
    ("QinbinLi/FedKT", "0bb9a89ea266c057990a4a326b586ed3d2fb2df8", FEDERATED),
    ("kxzxvbk/Fling", "f6c6f1e7c49f9341587bee2c95f1a31e63176bee", FEDERATED),
    ("wizard1203/VHL", "c5aa7a1fb0581e5f567183b7af49d449dabf6ce9", FEDERATED),
    ("ZexiLee/ICML-2023-FedLAW", "47f7a7226baeb4d684e5d555f793caba874adea3", FEDERATED),
    ("ispras/FedXplore", "20764b3480aa7a0b27d6effbeb1fb221276967bf", FEDERATED),
    ("WwZzz/easyFL", "ea07f1d082efacca2eff27ee401a7ab4ec604825", FEDERATED),
    ("Gloriatry/FL_bd_defense", "7b75c09b79f3557729c829b40467fe2ef8c79c7e", FEDERATED),
    ("wlf19971108/FCFL", "2416ad034ea98ed74f3f01603eec7189ca820b1a", FEDERATED),
    ("rahulvigneswaran/Lottery-Ticket-Hypothesis-in-Pytorch",
     "34a8c9678406a1c7dd0fec4c9f0d25d017be55fb", "pruning / lottery ticket"),
    ("facebookresearch/open_lth",
     "2ce732fe48abd5a80c10a153c45d397b048e980c", "pruning / lottery ticket"),
    ("Eric-mingjie/rethinking-network-pruning",
     "2ac473d70a09810df888e932bb394f225f9ed2d1", "pruning / lottery ticket"),
    ("nzfeng/lottery-ticket-hypothesis-experiments",
     "c0cc2ee95a31d2ab5969d3753c370d5c88ecb0f0", "pruning / lottery ticket"),
    ("eatikrh/lottery_ticket_hypothesis",
     "8666a1f41c4e4c6b0a2f060179e5fbfe65f43eb1", "pruning / lottery ticket"),
    ("mlfoundations/model-soups",
     "d5398f181ea51c5cd9d95ebacc6ea7132bb108ec", "model soups / merging"),
    ("mlfoundations/wise-ft", "58b7a4b343b09dc06606aa929c2ef51accced8d1", "model soups / merging"),
    ("timgaripov/dnn-mode-connectivity",
     "f0bf2536a0f47e1d65d670b48dfd1f229d55d3ab", "weight averaging"),
    ("kuc2477/pytorch-ewc", "4afaa6666d6b4f1a91a110caf69e7b77f049dc08", "continual learning"),
    ("shivamsaboo17/Overcoming-Catastrophic-forgetting-in-Neural-Networks",
     "e056e6d9f07a1e866b190a053ec5ca1314b3eef5", "continual learning"),
    ("sahagobinda/GPM", "1a238ec9d2ca30bae8fd1707f161cc6bd093c72a", "continual learning"),
    ("joansj/hat", "6fd0b9d98e089bec1f9da6cc20550916ce196829", "continual learning"),
    ("megvii-research/mdistiller", "a08d46f10d6102bd6e3f258ca5ac880b020ea259", "distillation"),
    ("szagoruyko/attention-transfer", "893df5488f93691799f082a70e2521a9dc2ddf2d", "distillation"),
    ("katerakelly/pytorch-maml", "75907aca148ad053dfaf75fc138319f0d89534a8", "meta-learning"),
    ("oscarknagg/few-shot", "672de83a853cc2d5e9fe304dc100b4a735c10c15", "meta-learning"),
    ("higgsfield/RL-Adventure",
     "0f82b6922e8a1a8515fc4c84c28702e7caa226f1", "reinforcement learning"),
    ("sfujim/TD3_BC", "8791ad7d7656cb8396f1b3ac8c37f170b2a2dd5f", "reinforcement learning"),
    ("aviralkumar2907/CQL", "d67dbe9cf5d2b96e3b462b6146f249b3d6569796", "reinforcement learning"),
    ("openai/spinningup", "038665d62d569055401d91856abb287263096178", "reinforcement learning"),
)
SETS["fresh_weights"] = (FRESH_WEIGHTS_REPOS, FRESH_WEIGHTS_REVIEW)


def default_mirror() -> Path:
    return Path(os.environ.get("COPYSAFETY_MIRROR", "/work/.mirror"))


def default_cache() -> Path:
    folder = os.environ.get("COPYSAFETY_RESEARCH_CACHE")
    return Path(folder) if folder else Path.home() / ".cache" / "copysafety-research"


def git_dir(mirror: Path, repo: str) -> Optional[Path]:
    """The git directory of `repo` in the mirror: a bare `repo/` or a clone's `repo/.git`."""
    base = mirror / repo.replace("/", "+") / "repo"
    for candidate in (base / ".git", base):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    return None


def extract(mirror: Path, repo: str, commit: str, cache: Path) -> Path:
    """The pinned commit's Python files under `cache/<owner+name>-<commit[:12]>`, once."""
    target = cache / f"{repo.replace('/', '+')}-{commit[:12]}"
    if (target / ".complete").is_file():
        return target
    git = git_dir(mirror, repo)
    if git is None:
        raise FileNotFoundError(f"no git mirror of {repo} under {mirror}")
    # Blob by blob, not `git archive`: mirrors lack large data files, which makes an archive
    # of the whole commit fail although every Python source is present.
    listing = subprocess.run(["git", f"--git-dir={git}", "ls-tree", "-r", "-z", commit],
                             capture_output=True, check=True).stdout.decode("utf-8", "replace")
    target.mkdir(parents=True, exist_ok=True)
    for entry in filter(None, listing.split("\0")):
        meta, _, path = entry.partition("\t")
        mode, kind, blob = meta.split()
        if kind != "blob" or mode == "120000" or not path.endswith(".py"):
            continue
        destination = (target / path).resolve()
        if target.resolve() not in destination.parents:
            continue  # a path that climbs out of the tree
        text = subprocess.run(["git", f"--git-dir={git}", "cat-file", "blob", blob],
                              capture_output=True)
        if text.returncode != 0:
            continue  # absent from the mirror
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(text.stdout)
    (target / ".complete").write_text(commit + "\n")
    return target


def _env(package_root: Path) -> Dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(package_root)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    env["COPYSAFETY_NO_CACHE"] = "1"
    return env


def lint(tree: Path, package_root: Path, jobs: int) -> List[dict]:
    """`copysafety check` over the whole tree, every code included."""
    done = subprocess.run(
        [sys.executable, "-m", "flake8_copysafety", "check", "--format", "json", "--isolated",
         "--exit-zero", "--extend-select", "CPS104", "--jobs", str(jobs), "."],
        cwd=tree, env=_env(package_root), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"copysafety check exited {done.returncode} in {tree}:\n"
                           f"{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def lint_flake8(tree: Path, package_root: Path, jobs: int) -> List[Tuple[str, int, str]]:
    """`flake8 --select CPS` over the tree: (path, line, code) of each CPS finding."""
    done = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "CPS",
         "--extend-select", "CPS104", "--exit-zero", f"--jobs={jobs}",
         "--format=%(path)s\t%(row)d\t%(code)s", "."],
        cwd=tree, env=_env(package_root), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"flake8 exited {done.returncode} in {tree}:\n{done.stderr[-2000:]}")
    found = []
    for line in done.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1].isdigit():
            found.append((Path(parts[0]).as_posix().removeprefix("./"), int(parts[1]),
                          parts[2]))
    return found


Key = Tuple[str, str, str, int, str]  # repository, commit, path, line, code


def load_review(path: Path) -> Tuple[Dict[Key, dict], List[dict]]:
    if not path.is_file():
        return {}, []
    data = json.loads(path.read_text(encoding="utf-8"))
    findings = {(e["repo"], e["commit"], e["path"], e["line"], e["code"]): e
                for e in data["findings"]}
    return findings, data.get("misses", [])


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=default_mirror(),
                        help="folder of git mirrors, one `owner+name/repo` each "
                             "(default %(default)s)")
    parser.add_argument("--cache", type=Path, default=default_cache(),
                        help="extraction folder (default %(default)s)")
    parser.add_argument("--package-root", type=Path, default=ROOT,
                        help="checkout whose flake8_copysafety is run (default: this one)")
    parser.add_argument("--only", default="", help="comma-separated repositories (owner/name)")
    parser.add_argument("--set", choices=sorted(SETS) + ["all"], default="research",
                        help="which pinned repositories: the first research sweep, the "
                             "dataset-heavy one, the snapshot-heavy one, or all "
                             "(default %(default)s)")
    parser.add_argument("--review", type=Path, default=None,
                        help="reviewed findings (default: the chosen set's review)")
    parser.add_argument("--flake8", action="store_true",
                        help="also run flake8 --select CPS and compare")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    wanted = {n for n in args.only.split(",") if n}
    if args.set == "all":
        pinned_set = tuple(r for repos, _ in SETS.values() for r in repos)
        reviews = [review for _, review in SETS.values()]
    else:
        pinned_set, review_file = SETS[args.set]
        reviews = [review_file]
    if args.review is not None:
        reviews = [args.review]
    chosen = [r for r in pinned_set if not wanted or r[0] in wanted]

    rows, findings, skipped, failed, disagree = [], [], [], [], []
    for repo, commit, field in chosen:
        try:
            tree = extract(args.mirror, repo, commit, args.cache)
        except (FileNotFoundError, subprocess.CalledProcessError, OSError,
                ValueError) as error:
            skipped.append(f"{repo}@{commit[:12]}: {error}")
            continue
        began = time.perf_counter()
        try:
            found = lint(tree, args.package_root, args.jobs)
            if args.flake8:
                theirs = sorted(lint_flake8(tree, args.package_root, args.jobs))
                # CPS9xx are `check`'s own (flake8 reports E999 for a file it cannot parse)
                ours = sorted((Path(f["path"]).as_posix(), f["line"], f["code"]) for f in found
                              if not f["code"].startswith("CPS9"))
                if theirs != ours:
                    disagree.append(f"{repo}: check {ours} != flake8 {theirs}")
        except (RuntimeError, ValueError, OSError) as error:
            failed.append(f"{repo}: {error}")
            continue
        seconds = time.perf_counter() - began
        codes = collections.Counter(f["code"] for f in found)
        files = sum(1 for _ in tree.rglob("*.py"))
        rows.append((repo, commit, field, files, codes, seconds))
        findings += [(repo, commit, f) for f in found]

    print(f"linter: {args.package_root}")
    print(f"{'repository':44} {'commit':12} {'files':>5} {'sec':>6}  findings")
    for repo, commit, field, files, codes, seconds in rows:
        by_code = ", ".join(f"{c} {n}" for c, n in sorted(codes.items())) or "-"
        print(f"{repo:44} {commit[:12]} {files:5d} {seconds:6.1f}  {by_code}")
    total = collections.Counter()
    for row in rows:
        total.update(row[4])
    print(f"{'all ' + str(len(rows)) + ' repositories':57} {sum(r[3] for r in rows):5d} "
          f"{sum(r[5] for r in rows):6.1f}  {sum(total.values())}")
    fields = collections.Counter(r[2].split(",")[0] for r in rows)
    print("fields: " + ", ".join(f"{f} {n}" for f, n in sorted(fields.items())))

    review, misses = {}, []
    for path in reviews:
        more_findings, more_misses = load_review(path)
        review.update(more_findings)
        misses += more_misses
    seen, verdicts = set(), collections.Counter()
    print()
    for repo, commit, f in sorted(findings, key=lambda x: (x[0], x[1], x[2]["path"],
                                                           x[2]["line"])):
        path = Path(f["path"]).as_posix()
        key = (repo, commit, path, f["line"], f["code"])
        seen.add(key)
        entry = review.get(key)
        verdict = entry["verdict"] if entry else "new"
        verdicts[verdict] += 1
        print(f"{verdict.upper():9} {repo}@{commit[:7]} {path}:{f['line']} {f['code']} "
              f"{f['message']}")
    pinned = {(r[0], r[1]) for r in rows}
    for key in sorted(set(review) - seen):
        if key[:2] in pinned:
            print(f"GONE      {key[0]} {key[2]}:{key[3]} {key[4]} (reviewed, no longer found)")

    found_at = {(repo, commit, Path(f["path"]).as_posix(), f["line"])
                for repo, commit, f in findings}
    print()
    kinds = collections.Counter()
    for miss in misses:
        if (miss["repo"], miss["commit"]) not in pinned:
            continue
        now = (miss["repo"], miss["commit"], miss["path"], miss["line"]) in found_at
        kinds[miss["kind"]] += 1
        print(f"{'MISS-FOUND' if now else 'MISS':10} {miss['repo']} {miss['path']}:"
              f"{miss['line']} {miss['code']} [{miss['kind']}]")
    if kinds:
        print("misses by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))

    for note in skipped:
        print(f"skipped {note}", file=sys.stderr)
    for note in failed:
        print(f"FAILED {note}", file=sys.stderr)
    for note in disagree:
        print(f"DISAGREE {note}", file=sys.stderr)
    judged = verdicts["true"] + verdicts["false"]
    print()
    print(f"findings: {sum(verdicts.values())} (true {verdicts['true']}, false "
          f"{verdicts['false']}, debatable {verdicts['debatable']}, notice (CPS9xx) "
          f"{verdicts['notice']}, not reviewed {verdicts['new']})")
    if judged:
        print(f"precision: {verdicts['true']}/{judged} = {verdicts['true'] / judged:.3f} "
              f"(true / (true + false); debatable counted apart)")
    else:
        print("precision: undefined (no finding judged true or false)")
    if failed or disagree or skipped:
        return 2
    return 1 if verdicts["new"] else 0


# Unseen code that keeps weights (personalised, private, split and attacked federated learning,
# continual-learning replay, distillation, EMA/momentum teachers, meta-learning, pruning, RL target
# networks, GAN EMA generators); reviewed in benchmarks/sweep_unseen_weights_review.json
# (`--set unseen_weights`).
UNSEEN_WEIGHTS_REPOS: Tuple[Tuple[str, str, str], ...] = (
    ("chandra2thapa/SplitFed-When-Federated-Learning-Meets-Split-Learning",
     "45900d8faac8367dfaf409d2fede0f8a7fcc6040", FEDERATED + ", split learning"),
    ("wenzhu23333/Differential-Privacy-Based-Federated-Learning",
     "13aab4ca3b4e57bb107904feb8cad3c5b241b164", FEDERATED + ", differential privacy"),
    ("mit-han-lab/dlg",
     "d21007fa1540ba2303ebc034976aa331814727c7", FEDERATED + ", gradient-leakage attack"),
    ("AvivSham/pFedHN", "1bc054975232bdd6985f931030753ebbab48c56d", FEDERATED + ", personalised"),
    ("git-disl/DataPoisoning_FL",
     "467eca0de9c71c1e48f9a0f8894b74fa949fd251", FEDERATED + ", poisoning attack"),
    ("KarhouTam/Per-FedAvg",
     "f36580b091c85961d1f0e273fa83d9dc3a5b2737", FEDERATED + ", personalised"),
    ("debcaldarola/fedsam", "64bbf9305a0bcf73138175018307254241c6ff42", FEDERATED),
    ("xiyuanyang45/DynamicPFL",
     "4461ecb27d63bf7c9693affaf5c4f66f9d3704bc", FEDERATED + ", differential privacy"),
    ("Yutong-Dai/FedNH", "60c3161412d576cddc8187af318cdc8a91a8709f", FEDERATED + ", personalised"),
    ("jeremy313/Soteria",
     "23cf90e9e5cb41d5dc45e7540ef63a4a0ca0a8ca", FEDERATED + ", gradient-leakage defence"),
    ("epfml/federated-learning-public-code",
     "44dd5551071969eb354ee2ed091a9ba36c1d5b08", FEDERATED + ", distillation (FedDF)"),
    ("JonasGeiping/invertinggradients",
     "1157b61c6704df42c497ab9eb074c75da5204334", FEDERATED + ", gradient-inversion attack"),
    ("ebagdasa/backdoors101",
     "9f48fbbb496aaed4ba696494950a5d71ee82a80c", FEDERATED + ", backdoor attack/defence"),
    ("lishenghui/blades",
     "711e8dfe535261155f6a991d9e0cc766831c0fa1", FEDERATED + ", robust aggregation benchmark"),
    ("SHVleV9CYWkK/LightFedLab",
     "3a353fbafc6c6b10dce04a1f087eec18f10ab799", FEDERATED + ", benchmark"),
    ("brookejoseph/FederatedLearning",
     "a9a2a5137c5b7f9c87f3957993a31bc1a006bf52", FEDERATED + ", course-style"),
    ("SpicyYeol/Federated_Learning",
     "8f3011466422d7999632ac763c4d63c6b107c27e", FEDERATED + ", course-style"),
    ("ehsanul9511/FLShield",
     "afe4474440f0b88b8f1d09ab5cf5a75fd7230e6a", FEDERATED + ", poisoning defence"),
    ("RookieLinLucy666/Empirical_Study",
     "6b5fcaddb09b457f39337b978896557b28221b76", FEDERATED + ", unlearning"),
    ("itslastonenikhil/federated-learning",
     "0df2f96229a2bfc7d05c279fe007382ec9581301", FEDERATED + ", course-style"),
    ("zhuohangli/GGL",
     "c5553384b7722dbddef6505cbb00206006feaa43", FEDERATED + ", gradient-leakage attack"),
    ("arthurdouillard/incremental_learning.pytorch",
     "c09fc54dc4e9b03f5ea209397bd7ac09d6f27eb1", "continual learning"),
    ("mattriemer/MER", "4b7b9c977f3126f533e968b82321649f1ca7d446", "continual learning"),
    ("ContinualAI/colab", "2df255fe10365d3f2b51895be179d857c19cbdec", "continual learning"),
    ("peterliht/knowledge-distillation-pytorch",
     "b1e4b6acb8d4e138ad12ba1aac22d5da42a85c10", "distillation"),
    ("kekmodel/MPL-pytorch", "7dc629702034319eda113aba3b006ba968e8e882", "EMA / teacher-student"),
    ("LeeDoYup/FixMatch-pytorch",
     "f167d6479b4ae109669b5bfa512ad3a23e572146", "EMA / teacher-student"),
    ("lucidrains/byol-pytorch",
     "299312613c1f44923e7869d1c82be7d536c2c42b", "EMA / momentum encoder"),
    ("facebookresearch/swav", "06b1b7cbaf6ba2a792300d79c7299db98b93b7f9", "self-supervised"),
    ("facebookresearch/dino",
     "7c446df5b9f45747937fb0d72314eb9f7b66930a", "EMA / momentum encoder"),
    ("gabrielhuang/reptile-pytorch", "4c85a5da189498994b414de7fe7a401125345a62", "meta-learning"),
    ("jacobgil/pytorch-pruning",
     "eb1b7a6d4222c7d0a884183983b274f1aa06fc7f", "pruning / lottery ticket"),
    ("alecwangcq/GraSP", "f17d87ac537bfce476ac2424171a8b6eb56499db", "pruning / lottery ticket"),
    ("mil-ad/snip", "883c8050d88554a8d85083013d7d1ddd7ead54c4", "pruning / lottery ticket"),
    ("ghliu/pytorch-ddpg", "e9db328ca70ef9daf7ab3d4b44975076ceddf088", "reinforcement learning"),
    ("sweetice/Deep-reinforcement-learning-with-pytorch",
     "7b9fac7e5e40ffdc6f7ccb8b0a81e7841370a996", "reinforcement learning"),
    ("p-christ/Deep-Reinforcement-Learning-Algorithms-with-PyTorch",
     "4835bac8557fdacff1735eca004e35ea5a4b7443", "reinforcement learning"),
    ("sfujim/LAP-PAL", "a649b1b977e979ed0e49d67335d3c79b555e9cfb", "reinforcement learning"),
    ("rosinality/stylegan2-pytorch",
     "bef283a1c24087da704d16c30abc8e36e63efa0e", "GAN (EMA generator)"),
)
SETS["unseen_weights"] = (UNSEEN_WEIGHTS_REPOS,
                          ROOT / "benchmarks" / "sweep_unseen_weights_review.json")


# A held-out sweep of code that keeps weights, in styles not swept before (clustered,
# hierarchical, asynchronous and graph federated learning, LLM LoRA aggregation, unlearning;
# model merging, pruning, NAS weight sharing, test-time adaptation, domain-adaptation teachers,
# PINNs, RL, GAN EMA, LoRA, continual learning); reviewed in
# benchmarks/sweep_holdout_weights_review.json (`--set holdout_weights`).
HOLDOUT_WEIGHTS_REPOS: Tuple[Tuple[str, str, str], ...] = (
    ("jichan3751/ifca",
     "61e44b8977a53c25368e8120aac6a505496ebbdf", FEDERATED + ", clustered (IFCA)"),
    ("felisat/clustered-federated-learning",
     "23a1c3887ed151a9c6340370337804766d11c69c", FEDERATED + ", clustered (CFL)"),
    ("LuminLiu/HierFL", "8c882c17e6a7033814e0746db235ea5b0d96d83d", FEDERATED + ", hierarchical"),
    ("Ali-Forootani/AFL_non_convex_non_iid",
     "13359cd01b2bded9f8af39e814e9358eb847adb6", FEDERATED + ", asynchronous"),
    ("Oxfordblue7/GCFL",
     "a6691aea10bd78d6c1789de2ea93a6c4fcebe432", FEDERATED + ", graphs, clustered"),
    ("yh-yao/FedGCN", "378438d0a5dbfa0f1cf859a3d6f3aaa4cff232a3", FEDERATED + ", graphs"),
    ("JinheonBaek/FED-PUB",
     "302980ded3bb2b719fd0864e29607031372a3e6d", FEDERATED + ", graphs, personalised"),
    ("rui-ye/OpenFedLLM",
     "14c6af2dd5c830e8b22a48b263ae33afdd285fc8", FEDERATED + ", LLM LoRA aggregation"),
    ("JayZhang42/FederatedGPT-Shepherd",
     "bcffa00e9642990ecc6210363a7f0dab91bef4dc", FEDERATED + ", LLM LoRA aggregation"),
    ("ATP-1010/FederatedLLM",
     "7bea15826bc0de37da35e44bc34a39274e3cc09f", FEDERATED + ", LLM LoRA aggregation"),
    ("IBM/FedMA", "4b586a5a22002dc955d025b890bc632daa3c01c7", FEDERATED + ", matched averaging"),
    ("jeffkroon/Federated_unlearning_evaluation",
     "483253f3754f998e1917ec72a4db6122e49a70e9", FEDERATED + ", unlearning"),
    ("mlfoundations/task_vectors",
     "826a64c67082fab0f40628233287948f0f8d7fa3", "model merging / task arithmetic"),
    ("prateeky2806/ties-merging",
     "44e7891fc84f3de7e4caa52664cd864ca3715e91", "model merging / task arithmetic"),
    ("EnnengYang/AdaMerging",
     "cea1165ad900113b8a52ae5ff190626576635f9b", "model merging / task arithmetic"),
    ("KellerJordan/REPAIR",
     "e90263d7a4d48376091327274ae541d8d6d34743", "model merging / task arithmetic"),
    ("ganguli-lab/Synaptic-Flow",
     "9dfa57aa4012c34028ee646d367f18e32f0e3bc7", "pruning / lottery ticket"),
    ("RICE-EIC/Early-Bird-Tickets",
     "4a16ae0731edf288c48e000c1c2a51dc0433f4ef", "pruning / lottery ticket"),
    ("carpedm20/ENAS-pytorch", "0468b8c4ddcf540c9ed6f80c27289792ff9118c9", "NAS weight sharing"),
    ("DequanWang/tent", "e9e926a668d85244c66a6d5c006efbd2b82e83e8", "test-time adaptation"),
    ("qinenergy/cotta", "c212a204b32be4005092e4323105a24a29ad2952", "test-time adaptation"),
    ("mr-eggplant/EATA", "f739b3668cc7617e9b9f1979c1a358497a3472c3", "test-time adaptation"),
    ("tim-learn/SHOT", "f7d555a0d53b525b885e5ef2a887a267a5be3c36", "domain adaptation"),
    ("yxgeee/MMT", "057e1ea5d3054c9d7e5fa72c727298d8e4c5f668", "domain adaptation (mean teacher)"),
    ("jayroxis/PINNs", "fcc37d2fb2c920eebddd29ea141bf9b3caba4d92", "physics-informed training"),
    ("nikhilbarhate99/PPO-PyTorch",
     "728cce83d7ab628fe2634eabcdf3239997eb81dd", "reinforcement learning"),
    ("Khrylx/PyTorch-RL", "72069237b4d86bcb9675b899ea94228019a4f003", "reinforcement learning"),
    ("ajbrock/BigGAN-PyTorch", "98459431a5d618d644d54cd1e9fceb1e5045648d", "GAN (EMA generator)"),
    ("cloneofsimo/lora", "d84074b3e3496f1cfa8a3f49b8b9972ef463b483", "LoRA merge"),
    ("arunmallya/packnet", "7b6032cd089084de4d5e0059819e84be65c5a203", "continual learning"),
    ("ngailapdi/LWF", "baa07ee322d4b2f93a28eba092ad37379f565aca", "continual learning"),
)
SETS["holdout_weights"] = (HOLDOUT_WEIGHTS_REPOS,
                           ROOT / "benchmarks" / "sweep_holdout_weights_review.json")

# A sweep of dataset-heavy research code in styles not swept before (video clip samplers,
# speaker features, remote sensing tiles, 3D medical patches, point-cloud completion,
# super-resolution and denoising patches, link prediction negatives, knowledge tracing,
# anomaly windows, VQA, crowd counting, face landmarks, person search, lane detection,
# weather grids, active learning pools, semi-supervised augmentation, RL replay buffers,
# course projects); reviewed in
# benchmarks/sweep_holdout_data_review.json (`--set holdout_data`).
HOLDOUT_DATA_REVIEW = ROOT / "benchmarks" / "sweep_holdout_data_review.json"
HOLDOUT_DATA_REPOS: Tuple[Tuple[str, str, str], ...] = (
    ("jfzhang95/pytorch-video-recognition",
     "ca37de9f69a961f22a821c157e9ccf47a601904d", "video action recognition clips"),
    ("clovaai/voxceleb_trainer",
     "f51bab870672a9b0b50fa158b4e30f329e7866d7", "speech / speaker features"),
    ("likyoo/Siam-NestedUNet",
     "aed3f1833f3d9d3eccba8c894fd097f358b5329e", "remote sensing tiles"),
    ("wolny/pytorch-3dunet",
     "a33e2c7038a0b51296ca4f99b0f0ed4b61740705", "3D medical volumes / patches"),
    ("hzxie/GRNet",
     "fd3e483bc182b3456a82a5fdecef213b5defe96d", "point-cloud completion"),
    ("AllenXiangX/SnowflakeNet",
     "0880ba1e1bf1c135d276aa0044f0acd38c44d94e", "point-cloud completion"),
    ("cszn/KAIR",
     "fc1732f4a4514e42ce15e5b3a1e18c828af47a1e", "super-resolution / denoising patches"),
    ("SaoYan/DnCNN-PyTorch",
     "6b0804951484eadb7f1ea24e8e5c9ede9bea485b", "super-resolution / denoising patches"),
    ("twtygqyy/pytorch-vdsr",
     "514b021044018baf909e79f48392783daa592888", "super-resolution / denoising patches"),
    ("JingyunLiang/SwinIR",
     "6545850fbf8df298df73d81f3e8cba638787c8bd", "super-resolution / denoising patches"),
    ("muhanzhang/SEAL",
     "ca1f019a15fb0c21796042165b4e6bee73981dd3", "graph link prediction negatives"),
    ("DeepGraphLearning/KnowledgeGraphEmbedding",
     "2e440e0f9c687314d5ff67ead68ce985dc446e3a", "graph link prediction negatives"),
    ("TimDettmers/ConvE",
     "f3c0eb286025410fa5b4c04696c918264163d0ca", "graph link prediction negatives"),
    ("arshadshk/SAINT-pytorch",
     "3b52f1d8483618554a33375acb53fc1a69f548d2", "knowledge tracing / sequential recommendation"),
    ("hcnoh/knowledge-tracing-collection-pytorch",
     "6151f490db17a290b0f4674c1a7c15a1a60c35f6", "knowledge tracing / sequential recommendation"),
    ("RUCAIBox/CIKM2020-S3Rec",
     "2a81540ae18615d88ef88227b0c066e5b74781e5", "knowledge tracing / sequential recommendation"),
    ("d-ailin/GDN",
     "9853899da860682669a134e4af315d036aab4eca", "time-series anomaly windows"),
    ("imperial-qore/TranAD",
     "7ffb98d0c18189cc3d9ab732b4cb0278200a0af0", "time-series anomaly windows"),
    ("ML4ITS/mtad-gat-pytorch",
     "a3719416527d57e0e364f9b489c5368ade1bc8e7", "time-series anomaly windows"),
    ("Cyanogenoid/pytorch-vqa",
     "8ff1afa630659d7add8d38e692718c2bc2fcae0d", "visual question answering"),
    ("hengyuan-hu/bottom-up-attention-vqa",
     "392520640e3d9aed0009ddfe207901757b10b9a6", "visual question answering"),
    ("MILVLG/mcan-vqa",
     "6b165e9a88800e2a09ece4645a3c8261938897c6", "visual question answering"),
    ("leeyeehoo/CSRNet-pytorch",
     "ed29d895989c188cb913a9503721271c6cf1ab1f", "crowd counting density maps"),
    ("ZhihengCV/Bayesian-Crowd-Counting",
     "5f10bfc50ff3cb6e424e17fa970600d55094dd9f", "crowd counting density maps"),
    ("TencentYoutuResearch/CrowdCounting-P2PNet",
     "5c91a81ca062b1c7fd3db3ad1c55b1c21f0a7455", "crowd counting density maps"),
    ("svishwa/crowdcount-mcnn",
     "e04c67f799ff024dbea93b81a079ffdd1b6daa28", "crowd counting density maps"),
    ("polarisZhao/PFLD-pytorch",
     "b00750c37deaf5d133933d080d4b7a6421826812", "face landmarks"),
    ("jhb86253817/PIPNet",
     "b9eab58816437403a34aa5bc3adeafe5081fd36b", "face landmarks"),
    ("serend1p1ty/SeqNet",
     "edec285c5a29d3c1fbde785c98ad93ed9a6fa63a", "person search"),
    ("cfzd/Ultra-Fast-Lane-Detection",
     "353df107756b8c03c22c27201e33fc63d84ecfe6", "lane detection"),
    ("lucastabelini/LaneATT",
     "2f8583ba14eccba05e6779668bc3a38bc751984a", "lane detection"),
    ("harryhan618/SCNN_Pytorch",
     "bbe0acff4681bcda7e984f867dd31fdaa9a7bf81", "lane detection"),
    ("NVlabs/FourCastNet",
     "93360c1720a9f97aabf970689f21c9fad8737788", "weather / climate grids"),
    ("ej0cl6/deep-active-learning",
     "eea3d2c703b83ce412f7dd6f518c017713d15ced", "active learning pools"),
    ("sinhasam/vaal",
     "67263f32665990a9408430a86df5b6ecd96a812d", "active learning pools"),
    ("JordanAsh/badge",
     "a2d18acd372cf0f61d9e75bfb0c879c107fbf9f6", "active learning pools"),
    ("Mephisto405/Learning-Loss-for-Active-Learning",
     "3c11ff7cf96d8bb4596209fe56265630fda19da6", "active learning pools"),
    ("CoinCheung/fixmatch-pytorch",
     "9b5a31d194571fd7d8912032f12a5274d04be814", "semi-supervised strong/weak augmentation"),
    ("kan-bayashi/ParallelWaveGAN",
     "86740373ec609cb9fb192d472d2aea125041491a", "speech / cached audio features"),
    ("descriptinc/melgan-neurips",
     "6488045bfba1975602288de07a58570c7b4d66ea", "speech / cached audio features"),
    ("jannerm/trajectory-transformer",
     "8834a6ed04ceeab8fdb9465e145c6e041c05d71b", "RL replay buffers as Datasets"),
    ("jannerm/diffuser",
     "7ea422860cc0106e5ca5949d980f04b799d5462c", "RL replay buffers as Datasets"),
    ("piergiaj/pytorch-i3d",
     "05783d11f9632b25fe3d50395a9c9bb51f848d6d", "video action recognition clips"),
    ("paul007pl/VRCNet",
     "cbc099884dca289b02ea62b476f62b48d8100432", "point-cloud completion"),
    ("jdxyw/deepKT",
     "985c67f257d56e30de89872e2c54d8c7859c9147", "knowledge tracing / sequential recommendation"),
    ("ZJULearning/resa",
     "2d4e6312673eedd41ace54166686f4f2e70b50a3", "lane detection"),
    ("jamesbraza/cs231n-3d-segmentation",
     "ad1a93249147bb3c50a6d444f317883c93af0627", "course projects (CS231n)"),
    ("kennyleung-su/cs231n-sl-classification",
     "65e43fdcea226a61c46a7ac07019a8446896984a", "course projects (CS231n)"),
    ("Linusmt/CS231N-BRATS",
     "15171565c786d7e5ef697ccf1541121158955bf0", "course projects (CS231n)"),
)
SETS["holdout_data"] = (HOLDOUT_DATA_REPOS, HOLDOUT_DATA_REVIEW)


if __name__ == "__main__":
    sys.exit(main())
